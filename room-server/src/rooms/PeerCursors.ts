import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Logger } from '../log/logger.ts';
import { AwarenessGuard } from './AwarenessGuard.ts';
import { awarenessFrame } from './frames.ts';
import { ParticipantColors } from './ParticipantColors.ts';
import type { RoomPeer } from './Room.ts';

export interface PeerCursorsOptions {
  doc: Y.Doc;
  /** The peers connected now (their colours are kept apart). */
  peers(): Iterable<RoomPeer>;
  /** Sends an awareness frame to every peer. */
  broadcast(frame: Uint8Array): void;
  log: Logger;
}

/**
 * The cursors of one shared doc's peers (a room, or its hosts' notes): each checked and
 * named by the server (AwarenessGuard, ParticipantColors), relayed to every peer, and
 * removed with the peer that set them.
 */
export class PeerCursors {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly guard: AwarenessGuard;
  private readonly colors: ParticipantColors;
  /** The awareness client ids each peer spoke for. */
  private readonly clients = new Map<RoomPeer, Set<number>>();

  constructor(private readonly options: PeerCursorsOptions) {
    this.awareness = new awarenessProtocol.Awareness(options.doc);
    // The server holds no cursor of its own.
    this.awareness.setLocalState(null);
    this.colors = new ParticipantColors(() => [...options.peers()].map((peer) => peer.id));
    this.guard = new AwarenessGuard({
      awareness: this.awareness,
      userOf: (sender) => this.colors.identityOf(sender as RoomPeer),
      log: options.log,
    });
    this.awareness.on('update', this.onUpdate);
  }

  /** The person's colour (kept while the doc is loaded). */
  colorOf(id: string): string {
    return this.colors.colorOf(id);
  }

  /** Sends a peer that joined every cursor present. */
  joined(peer: RoomPeer): void {
    this.clients.set(peer, new Set());
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(awarenessFrame(this.awareness, states));
  }

  /** Removes the cursors of a peer that left. */
  left(peer: RoomPeer): void {
    const clients = this.clients.get(peer);
    this.clients.delete(peer);
    this.guard.forget(peer);
    if (clients && clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
  }

  /** One awareness update of `peer`. Throws AwarenessRefusedError. */
  receive(peer: RoomPeer, update: Uint8Array): void {
    this.guard.receive(peer, update);
  }

  close(): void {
    this.awareness.off('update', this.onUpdate);
    this.guard.close();
    this.awareness.destroy();
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.clients.get(origin as RoomPeer);
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    this.options.broadcast(awarenessFrame(this.awareness, [...added, ...updated, ...removed]));
  };
}
