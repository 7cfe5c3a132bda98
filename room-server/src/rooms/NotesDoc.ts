import { MessageType } from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Logger } from '../log/logger.ts';
import { AwarenessGuard } from './AwarenessGuard.ts';
import { appFrame, awarenessFrame, syncStep1Frame, updateFrame } from './frames.ts';
import type { LoadedRoomDoc } from './loadRoomDoc.ts';
import { ParticipantColors } from './ParticipantColors.ts';
import { authorOf, MalformedMessageError, type RoomPeer, UpdateRefusedError } from './Room.ts';
import { RoomDocGuard } from './RoomDocGuard.ts';
import type { RoomLog } from './RoomLog.ts';
import type { UpdateLog } from './RoomStore.ts';

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
 */
export class NotesDoc {
  readonly roomId: string;
  readonly doc = new Y.Doc();
  private readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly awarenessGuard: AwarenessGuard;
  /** Each peer with the awareness client ids it spoke for. */
  private readonly peers = new Map<RoomPeer, Set<number>>();
  private readonly colors = new ParticipantColors(() => [...this.peers.keys()].map((peer) => peer.id));
  private readonly guard: RoomDocGuard;
  private readonly updates: RoomLog;
  private closed = false;

  constructor(options: NotesDocOptions) {
    this.roomId = options.roomId;
    Y.applyUpdate(this.doc, options.loaded.state);
    this.awareness.setLocalState(null);
    this.awarenessGuard = new AwarenessGuard({
      awareness: this.awareness,
      userOf: (sender) => this.colors.identityOf(sender as RoomPeer),
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
    this.awareness.on('update', this.onAwarenessUpdate);
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
    this.peers.set(peer, new Set());
    peer.send(syncStep1Frame(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(awarenessFrame(this.awareness, states));
    const waitingSince = this.updates.oldestUnstoredAt;
    if (this.updates.storageState === 'waiting' && waitingSince !== null) {
      peer.send(appFrame({ type: 'storage', state: 'waiting', since: waitingSince }));
    }
  }

  /** Removes the peer and its cursors; returns how many peers remain. */
  leave(peer: RoomPeer): number {
    const clients = this.peers.get(peer);
    if (!this.peers.delete(peer)) return this.peers.size;
    this.awarenessGuard.forget(peer);
    if (clients && clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
    return this.peers.size;
  }

  /** Handles one binary frame; throws MalformedMessageError (the socket is closed) for bad ones. */
  receive(peer: RoomPeer, frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    try {
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.Awareness) {
        this.awarenessGuard.receive(peer, decoding.readVarUint8Array(decoder));
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

  /** Resolves once every accepted update is stored. */
  stored(): Promise<void> {
    return this.updates.stored();
  }

  /** Call once stored() resolved and no peer is left. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awarenessGuard.close();
    this.updates.close();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.broadcast(updateFrame(update), origin);
    this.updates.append(authorOf(origin as RoomPeer), update);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.peers.get(origin as RoomPeer);
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    this.broadcast(awarenessFrame(this.awareness, [...added, ...updated, ...removed]));
  };

  private broadcast(frame: Uint8Array, except?: unknown): void {
    for (const peer of this.peers.keys()) if (peer !== except) peer.send(frame);
  }
}
