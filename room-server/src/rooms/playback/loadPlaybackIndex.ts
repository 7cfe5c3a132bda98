import type { RoomRecord } from '../RoomRepository.ts';
import type { Author, RoomUpdate } from '../RoomUpdateRepository.ts';
import type { RoomRepositories } from '../roomRepositories.ts';
import { type PlaybackBase, type PlaybackEntry, PlaybackIndex } from './PlaybackIndex.ts';

/** Names an author in playback: `u:<userId>` or `g:<guest name>`. */
export function authorKey(author: Author): string {
  if ('userId' in author) return `u:${author.userId}`;
  // Keyed as the room keys people (their cursor's id and colour); older entries by name.
  return `g:${author.guestId ?? author.guest}`;
}

export function toPlaybackEntry(update: RoomUpdate): PlaybackEntry {
  return { seq: update.seq, at: update.at.getTime(), author: authorKey(update.author), update: update.update };
}

type PlaybackRecord = Pick<RoomRecord, '_id' | 'doc' | 'docSeq' | 'createdAt'>;
export type PlaybackStore = Pick<RoomRepositories, 'roomSnapshots' | 'roomUpdates'>;

/**
 * The earliest state of the room that is still stored: its seed (the seq-0 snapshot, or
 * the doc on a record never stored since its seed, or the whole doc of a room made before
 * the log), else its first snapshot or the record's doc, whichever is older. History
 * before that is gone: the room's doc drops the content of deleted text.
 */
export async function playbackBase(store: PlaybackStore, record: PlaybackRecord): Promise<PlaybackBase> {
  const fromRecord = { seq: record.docSeq ?? 0, at: record.createdAt.getTime(), doc: record.doc.buffer };
  if (fromRecord.seq === 0) return fromRecord;
  const snapshot = await store.roomSnapshots.earliest(record._id);
  if (!snapshot || snapshot.seq >= fromRecord.seq) return fromRecord;
  return { seq: snapshot.seq, at: snapshot.at.getTime(), doc: snapshot.doc };
}

/** Builds the room's playback index from its stored base and every logged update after it. */
export async function loadPlaybackIndex(store: PlaybackStore, record: PlaybackRecord): Promise<PlaybackIndex> {
  const index = new PlaybackIndex(await playbackBase(store, record));
  await extendFromLog(store, record._id, index);
  return index;
}

/** Appends the updates logged since the index was built or last extended. */
export async function extendFromLog(store: PlaybackStore, roomId: string, index: PlaybackIndex): Promise<void> {
  const updates = await store.roomUpdates.after(roomId, index.lastSeq);
  index.extend(updates.map(toPlaybackEntry));
}
