import type * as Y from 'yjs';
import type { LoadedRoomDoc } from './loadRoomDoc.ts';
import type { PeerCursors } from './PeerCursors.ts';
import type { RoomLog, RoomLogOptions } from './RoomLog.ts';
import type { UpdateLog } from './RoomStore.ts';
import type { RemoteOrigin } from './remoteOrigin.ts';

/** How a shared log's stored state is read: at load, and again by a server taking its lease over. */
export interface StoredReads {
  /** At load (the caller may reuse what it read already, such as the room record). */
  atLoad(): Promise<LoadedRoomDoc>;
  /** Now, read afresh (null: the room was deleted, so nobody stores it). */
  now(): Promise<LoadedRoomDoc | null>;
}

/** What a loaded doc shared with other servers offers its link: a Room, or a room's NotesDoc. */
export interface SharedDoc {
  readonly doc: Y.Doc;
  readonly cursors: PeerCursors;
  /** Applies an update another server accepted: relayed to this server's peers, not logged again. */
  applyRemote(update: Uint8Array, origin: RemoteOrigin): void;
}

/**
 * How loaded rooms and their notes are shared with other room-servers, with Redis
 * (cluster/RoomCluster); absent, a server works alone.
 */
export interface RoomSharing {
  /**
   * The stored doc plus what other servers accepted, and the link of the log `logName`
   * (a room's id, or its notes' log key): its update log.
   */
  load(
    logName: string,
    writer: { open(options: RoomLogOptions): RoomLog },
    reads: StoredReads,
  ): Promise<{ loaded: LoadedRoomDoc; link: UpdateLog }>;
  /** Starts the link of a doc built on what `load` returned. */
  attach(link: UpdateLog, target: SharedDoc): void;
}
