import { createHash } from 'node:crypto';
import { DEFAULT_LANGUAGE, MAX_TITLE_LENGTH, type PublicProblem } from '@codestream/shared';
import type { ClassRoomView } from '@codestream/shared/api';
import type { AccessChanges } from '../accounts/AccessChanges.ts';
import { createRoom } from '../rooms/createRoom.ts';
import { participantKey, RoomExistsError, type RoomMeta, type RoomRepository } from '../rooms/RoomRepository.ts';
import type { RoomRepositories } from '../rooms/roomRepositories.ts';
import { type ClassRecord, instructorsOf, isStudent } from './ClassRepository.ts';

/**
 * The id of a student's room on one problem of a class. Derived, not random, so that two
 * opens at once insert the same _id and the database refuses the second (the embedded
 * database has no transactions; _id is the one key it keeps unique under any load).
 */
export function classRoomId(classId: string, studentId: string, problemSlug: string): string {
  return createHash('sha256')
    .update(`class-room\0${classId}\0${studentId}\0${problemSlug}`)
    .digest()
    .subarray(0, 15)
    .toString('base64url');
}

/** The student of a class room (its one participant) and its problem. */
export function classRoomView(room: RoomMeta): ClassRoomView | null {
  const student = room.participants?.[0];
  if (!student?.userId || !room.problemSlug) return null;
  return {
    roomId: room._id,
    problemSlug: room.problemSlug,
    studentId: student.userId,
    studentName: student.name ?? '',
  };
}

/**
 * Lets each class room's student in while they are a student of the class and out once
 * they are not (taken off the roster); returns the rooms that changed.
 */
export async function syncClassRoomStudents(
  rooms: Pick<RoomRepository, 'listByClass' | 'removeParticipant' | 'restoreParticipant'>,
  record: ClassRecord,
): Promise<string[]> {
  const changed: string[] = [];
  for (const room of await rooms.listByClass(record._id)) {
    const student = room.participants?.[0];
    if (!student?.userId) continue;
    const key = participantKey(student);
    const removed = Boolean(student.removedAt);
    const enrolled = isStudent(record, student.userId);
    if (enrolled && removed) await rooms.restoreParticipant(room._id, key);
    else if (!enrolled && !removed) await rooms.removeParticipant(room._id, key);
    else continue;
    changed.push(room._id);
  }
  return changed;
}

/**
 * Opens the student's room on `problem`, creating it the first time: owned by the class's
 * owner, with every instructor a host and the student its one editor. `created` is false
 * when it existed (also when another request created it at the same moment).
 */
export async function openClassRoom(
  database: Pick<RoomRepositories, 'rooms' | 'roomSnapshots'>,
  access: Pick<AccessChanges, 'roomCreated'>,
  record: ClassRecord,
  student: { userId: string; name: string },
  problem: PublicProblem,
): Promise<{ roomId: string; created: boolean }> {
  const roomId = classRoomId(record._id, student.userId, problem.slug);
  if (await database.rooms.findMeta(roomId)) return { roomId, created: false };
  try {
    await createRoom(database, access, {
      ownerId: record.ownerId,
      language: DEFAULT_LANGUAGE,
      problem,
      title: `${record.title} — ${problem.title} — ${student.name}`.slice(0, MAX_TITLE_LENGTH),
      forClass: {
        id: roomId,
        classId: record._id,
        hostIds: instructorsOf(record),
        student,
        observersVisible: record.observersVisible,
      },
    });
    return { roomId, created: true };
  } catch (err) {
    if (err instanceof RoomExistsError) return { roomId, created: false };
    throw err;
  }
}
