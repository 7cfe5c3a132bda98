import { MessageType } from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Logger } from '../log/logger.ts';
import { appFrame, syncStep1Frame, updateFrame, waitingFrame } from './frames.ts';
import type { LoadedRoomDoc } from './loadRoomDoc.ts';
import { PeerCursors } from './PeerCursors.ts';
import { authorOf, MalformedMessageError, type RoomPeer, UpdateRefusedError } from './Room.ts';
import { RoomDocGuard } from './RoomDocGuard.ts';
import type { RoomUpdateLog } from './RoomLog.ts';
import type { UpdateLog } from './RoomStore.ts';
import { RemoteOrigin } from './remoteOrigin.ts';

/** The one text of a room's private notes doc. */
export const NOTES_TEXT = 'notes';

/**
 * Key of a room's notes in the update log and snapshots: the notes keep the room log's
 * guarantees (and can be replayed) without ever being part of the room's own doc, which
 * reaches every socket of the room.
 */
export function notesLogKey(roomId: string): string {
  return `notes:${roomId}`;
}

export interface NotesDocOptions {
  roomId: string;
  loaded: LoadedRoomDoc;
  updateLog: UpdateLog;
  maxBytes: number;
  log: Logger;
}

/**
 * A room's private notes, shared among its hosts only (the socket layer admits no one
 * else): a Y.Doc with one text, synced with the y-websocket sync messages, and the hosts'
 * cursors (checked and named by the server, as in the room). App messages are refused;
 * the server sends `storage` when the notes wait to be stored, as the room does.
 *
 * With Redis the notes are shared like the room's doc, under their own log name (their
 * own stream, lease and cursor channel): `updateLog` is then their cluster link, and
 * updates other servers' hosts made arrive through applyRemote.
 */
export class NotesDoc {
  readonly roomId: string;
  readonly doc = new Y.Doc();
  private readonly peers = new Set<RoomPeer>();
  /** The hosts' cursors in the notes (with Redis, other servers' hosts' too). */
  readonly cursors: PeerCursors;
  private readonly guard: RoomDocGuard;
  private readonly updates: RoomUpdateLog;
  private closed = false;

  constructor(options: NotesDocOptions) {
    this.roomId = options.roomId;
    Y.applyUpdate(this.doc, options.loaded.state);
    this.cursors = new PeerCursors({
      doc: this.doc,
      peers: () => this.peers,
      broadcast: (frame) => this.broadcast(frame),
      log: options.log,
    });
    this.guard = new RoomDocGuard({ doc: this.doc, maxBytes: options.maxBytes, texts: [NOTES_TEXT] });
    this.updates = options.updateLog.open({
      roomId: notesLogKey(this.roomId),
      lastSeq: options.loaded.lastSeq,
      sinceSnapshot: options.loaded.sinceSnapshot,
      snapshot: () => Y.encodeStateAsUpdate(this.doc),
      onStorageState: (state, since) => this.broadcast(appFrame({ type: 'storage', state, since })),
    });
    this.doc.on('update', this.onUpdate);
  }

  get text(): string {
    return this.doc.getText(NOTES_TEXT).toString();
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** The last logged update (stored or not): what a snapshot taken now includes. */
  get lastSeq(): number {
    return this.updates.lastSeq;
  }

  join(peer: RoomPeer): void {
    this.peers.add(peer);
    peer.send(syncStep1Frame(this.doc));
    this.cursors.joined(peer);
    const waiting = waitingFrame(this.updates);
    if (waiting) peer.send(waiting);
  }

  /** Removes the peer and its cursors; returns how many peers remain. */
  leave(peer: RoomPeer): number {
    if (!this.peers.delete(peer)) return this.peers.size;
    this.cursors.left(peer);
    return this.peers.size;
  }

  /** Handles one binary frame; throws MalformedMessageError (the socket is closed) for bad ones. */
  receive(peer: RoomPeer, frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    try {
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.Awareness) {
        this.cursors.receive(peer, decoding.readVarUint8Array(decoder));
        return;
      }
      if (type !== MessageType.Sync) throw new MalformedMessageError(`message type ${type} on a notes socket`);
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.Sync);
        syncProtocol.writeSyncStep2(encoder, this.doc, payload);
        peer.send(encoding.toUint8Array(encoder));
      } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        this.apply(peer, payload);
      } else {
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
      }
    } catch (err) {
      if (err instanceof MalformedMessageError) throw err;
      throw new MalformedMessageError((err as Error).message);
    }
  }

  /** Applied whole or not at all (see RoomDocGuard); nothing is held for a later update. */
  private apply(peer: RoomPeer, update: Uint8Array): void {
    const refusal = this.guard.check(update);
    if (refusal) throw new UpdateRefusedError(`notes update refused (${refusal.reason}): ${refusal.detail}`);
    Y.applyUpdate(this.doc, update, peer);
    this.guard.applied(update);
  }

  /**
   * Applies an update another room-server accepted from one of its hosts (it passed that
   * server's guard): relayed to this server's hosts, not logged again.
   */
  applyRemote(update: Uint8Array, origin: RemoteOrigin): void {
    Y.applyUpdate(this.doc, update, origin);
    this.guard.applied(update);
  }

  /** Resolves once every accepted update is stored. */
  stored(): Promise<void> {
    return this.updates.stored();
  }

  /** No host is left (or the server closes): resolves once everything is stored. */
  finish(): Promise<void> {
    return this.updates.finish();
  }

  /** The room was deleted: nothing more of the notes is stored (see RoomUpdateLog.forsake). */
  forsake(): void {
    this.updates.forsake?.();
  }

  /** Call once finish() resolved and no peer is left. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.doc.off('update', this.onUpdate);
    this.cursors.close();
    this.updates.close();
    this.doc.destroy();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.broadcast(updateFrame(update), origin);
    if (origin instanceof RemoteOrigin) return;
    this.updates.append(authorOf(origin as RoomPeer), update);
  };

  private broadcast(frame: Uint8Array, except?: unknown): void {
    for (const peer of this.peers) if (peer !== except) peer.send(frame);
  }
}
