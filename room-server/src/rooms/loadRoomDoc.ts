import * as Y from 'yjs';
import type { RoomRecord } from './RoomRepository.ts';
import type { RoomRepositories } from './roomRepositories.ts';

export interface LoadedRoomDoc {
  /** The room's whole document as one Yjs update. */
  state: Uint8Array;
  /** The highest logged update it includes (0: none yet). */
  lastSeq: number;
  /** Updates (and their bytes) logged after the latest snapshot. */
  sinceSnapshot: { updates: number; bytes: number };
}

/**
 * A room's document as stored. After a clean unload, the doc on its record. Otherwise
 * (a server holding it died, or it predates the update log) its latest snapshot plus the
 * updates logged after it; a room without a snapshot starts from the doc on its record
 * (its seed, or the whole document of a room stored before the update log) as sequence
 * number 0.
 */
export async function loadRoomDoc(
  database: Pick<RoomRepositories, 'roomSnapshots' | 'roomUpdates'>,
  record: Pick<RoomRecord, '_id' | 'doc' | 'docSeq' | 'openSince'>,
): Promise<LoadedRoomDoc> {
  if (record.docSeq !== undefined && !record.openSince) {
    // Unloaded cleanly: the record holds everything up to its last logged update.
    return { state: record.doc.buffer, lastSeq: record.docSeq, sinceSnapshot: { updates: 0, bytes: 0 } };
  }
  const snapshot = await database.roomSnapshots.latest(record._id);
  const baseSeq = snapshot?.seq ?? 0;
  const updates = await database.roomUpdates.after(record._id, baseSeq);
  const parts = [snapshot?.doc ?? record.doc.buffer, ...updates.map((entry) => entry.update)];
  return {
    state: parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts),
    lastSeq: updates.at(-1)?.seq ?? baseSeq,
    sinceSnapshot: {
      updates: updates.length,
      bytes: updates.reduce((sum, entry) => sum + entry.update.byteLength, 0),
    },
  };
}
