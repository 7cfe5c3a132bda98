import type { AccessChanges } from '../accounts/AccessChanges.ts';
import type { LiveRooms } from './LiveRooms.ts';
import { notesLogKey } from './NotesDoc.ts';
import type { RoomRepositories } from './roomRepositories.ts';

/**
 * Deletes a room: its record first (no socket is let in after that), then its open sockets
 * are closed and the loaded room stored and unloaded, then its update log, snapshots,
 * joins and leaves, runs, chat, scorecard and archive mark. Submissions stay: they are their
 * authors' history (and a problem's), and keep the room id they were made in.
 */
export async function deleteRoom(
  database: Pick<
    RoomRepositories,
    'rooms' | 'roomUpdates' | 'roomSnapshots' | 'roomEvents' | 'runs' | 'scorecards' | 'roomArchive' | 'roomChat'
  >,
  access: Pick<AccessChanges, 'roomMembersChanged'>,
  live: LiveRooms,
  roomId: string,
): Promise<boolean> {
  if (!(await database.rooms.remove(roomId))) return false;
  access.roomMembersChanged(roomId);
  await live.closeDeleted(roomId);
  const logs = [roomId, notesLogKey(roomId)];
  await Promise.all([
    database.roomUpdates.removeRooms(logs),
    database.roomSnapshots.removeRooms(logs),
    database.roomEvents.removeRoom(roomId),
    database.runs.removeByRoom(roomId),
    database.roomChat.removeRoom(roomId),
    database.scorecards.remove(roomId),
    database.roomArchive.unarchive(roomId),
  ]);
  return true;
}
