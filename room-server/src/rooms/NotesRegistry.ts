import { Binary } from 'mongodb';
import * as Y from 'yjs';
import type { Logger } from '../log/logger.ts';
import { loadRoomDoc } from './loadRoomDoc.ts';
import { NOTES_TEXT, NotesDoc, notesLogKey } from './NotesDoc.ts';
import type { RoomPeer } from './Room.ts';
import type { RoomSharing } from './RoomSharing.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import type { UpdateLogWriter } from './UpdateLogWriter.ts';

export interface NotesRegistryOptions {
  database: Pick<RoomRepositories, 'rooms' | 'roomSnapshots' | 'roomUpdates'>;
  /** The process's update log writer (the rooms' own). */
  updateLog: UpdateLogWriter;
  /** With Redis: notes are shared with the other room-servers as rooms are (null: this server works alone). */
  cluster?: RoomSharing | null;
  maxBytes: number;
  log: Logger;
}

/** An empty doc: notes start from nothing, then the log. */
const EMPTY = new Binary(Y.encodeStateAsUpdate(new Y.Doc()));

/**
 * The loaded notes docs, like RoomRegistry for rooms: loaded on a host's first join from
 * the latest notes snapshot plus the log after it, unloaded once the last host left and
 * every update is stored (with a snapshot, so the next load reads little of the log).
 * With Redis, a room's notes loaded on several servers are one doc (see NotesDoc), stored
 * by the one server holding their lease.
 */
export class NotesRegistry {
  private readonly docs = new Map<string, Promise<NotesDoc>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private closing?: Promise<void>;

  constructor(private readonly options: NotesRegistryOptions) {}

  /** Adds `peer` (a host: the socket layer checked) to the room's notes; null once closing. */
  async join(roomId: string, peer: RoomPeer): Promise<NotesDoc | null> {
    if (this.closing) return null;
    let loading = this.docs.get(roomId);
    if (!loading) {
      await this.unloading.get(roomId);
      loading = this.docs.get(roomId) ?? this.load(roomId);
      this.docs.set(roomId, loading);
      loading.catch(() => this.docs.delete(roomId));
    }
    const notes = await loading;
    if (this.docs.get(roomId) !== loading) return this.join(roomId, peer);
    notes.join(peer);
    return notes;
  }

  leave(notes: NotesDoc, peer: RoomPeer): void {
    if (notes.leave(peer) > 0 || this.closing || this.unloading.has(notes.roomId)) return;
    const unloaded = this.unloadWhenStored(notes)
      .catch((err) => this.options.log.error({ err, roomId: notes.roomId }, 'unloading room notes failed'))
      .finally(() => this.unloading.delete(notes.roomId));
    this.unloading.set(notes.roomId, unloaded);
  }

  /** The notes as they are now: the loaded doc's, or the stored ones. */
  async text(roomId: string): Promise<string> {
    const loaded = this.docs.get(roomId);
    if (loaded) return (await loaded).text;
    await this.unloading.get(roomId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await this.loadStored(roomId)).state);
    const text = doc.getText(NOTES_TEXT).toString();
    doc.destroy();
    return text;
  }

  /** The room was deleted: its notes, if loaded, store nothing more. */
  async forsake(roomId: string): Promise<void> {
    (await this.docs.get(roomId)?.catch(() => null))?.forsake();
  }

  /** Resolves once the room's notes everyone left are stored and unloaded. */
  async unloaded(roomId: string): Promise<void> {
    await this.unloading.get(roomId);
  }

  /** Stores and unloads every notes doc. Call before the update log writer closes. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const docs = await Promise.allSettled(this.docs.values());
      this.docs.clear();
      await Promise.all([
        ...docs.map((result) => (result.status === 'fulfilled' ? this.unload(result.value) : undefined)),
        ...this.unloading.values(),
      ]);
    })();
    return this.closing;
  }

  private async unloadWhenStored(notes: NotesDoc): Promise<void> {
    await notes.stored();
    // A host came back meanwhile: the doc stays; their leave unloads it later.
    if (notes.peerCount > 0) return;
    this.docs.delete(notes.roomId);
    await this.unload(notes);
  }

  private async unload(notes: NotesDoc): Promise<void> {
    await notes.finish();
    // With Redis only the server storing the notes has a seq (the others' lastSeq is 0).
    if (notes.lastSeq > 0) {
      const snapshot = { room: notesLogKey(notes.roomId), seq: notes.lastSeq, at: new Date() };
      try {
        // Skipped when the log writer already took a snapshot at this update.
        await this.options.database.roomSnapshots.append([{ ...snapshot, doc: Y.encodeStateAsUpdate(notes.doc) }]);
      } catch (err) {
        this.options.log.warn(
          { err, roomId: notes.roomId },
          'snapshot of unloaded notes failed; the next load reads the log',
        );
      }
    }
    notes.close();
  }

  private loadStored(roomId: string) {
    return loadRoomDoc(this.options.database, { _id: notesLogKey(roomId), doc: EMPTY });
  }

  private async load(roomId: string): Promise<NotesDoc> {
    const { updateLog, cluster, maxBytes, log } = this.options;
    if (!cluster) return new NotesDoc({ roomId, loaded: await this.loadStored(roomId), updateLog, maxBytes, log });
    const { loaded, link } = await cluster.load(notesLogKey(roomId), updateLog, {
      atLoad: () => this.loadStored(roomId),
      // The notes of a deleted room are not stored again (its deletion removes their log).
      now: async () => ((await this.options.database.rooms.find(roomId)) ? this.loadStored(roomId) : null),
    });
    const notes = new NotesDoc({ roomId, loaded, updateLog: link, maxBytes, log });
    cluster.attach(link, notes);
    return notes;
  }
}
