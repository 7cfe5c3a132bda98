import { randomBytes } from 'node:crypto';
import { DEFAULT_ROOM_SESSION, type LanguageId } from '@codestream/shared';
import type { AccessChanges } from '../accounts/AccessChanges.ts';
import type { RoomRecord } from './RoomRepository.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import { seedDoc } from './seedDoc.ts';

export interface NewRoom {
  ownerId: string;
  language: LanguageId;
  /** The room's problem (its starter code in `language` seeds the editor), or null. */
  problem: { slug: string; starterCode: Partial<Record<LanguageId, string>> } | null;
  title?: string;
  /** A member's own room on its problem (see RoomRecord.practice). */
  practice?: boolean;
  /** A class's room: its id (derived, so a second creation fails: RoomExistsError), class, hosts and student. */
  forClass?: {
    id: string;
    classId: string;
    hostIds: string[];
    student: { userId: string; name: string };
    observersVisible: boolean;
  };
}

/** 15 random bytes → 20 url-safe characters. */
function newRoomId(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * Creates a room: its record, its seed stored as snapshot 0 (for playback: the record's
 * doc is overwritten on the first clean unload), and tells access caches it exists.
 */
export async function createRoom(
  database: Pick<RoomRepositories, 'rooms' | 'roomSnapshots'>,
  access: Pick<AccessChanges, 'roomCreated'>,
  room: NewRoom,
): Promise<RoomRecord> {
  const seed = seedDoc(room.language, room.problem?.starterCode[room.language]);
  const forClass = room.forClass;
  const record = await database.rooms.create({
    _id: forClass?.id ?? newRoomId(),
    language: room.language,
    ownerId: room.ownerId,
    problemSlug: room.problem?.slug ?? null,
    doc: seed,
    ...(room.title ? { session: { ...DEFAULT_ROOM_SESSION, title: room.title } } : {}),
    ...(room.practice ? { practice: true } : {}),
    ...(forClass
      ? {
          classId: forClass.classId,
          hostIds: forClass.hostIds,
          controls: { observersVisible: forClass.observersVisible },
          participants: [{ ...forClass.student, role: 'editor' as const }],
        }
      : {}),
  });
  await database.roomSnapshots.append([{ room: record._id, seq: 0, at: record.createdAt, doc: seed }]);
  access.roomCreated(record);
  return record;
}
