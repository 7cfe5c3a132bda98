import { MessageType } from '@codestream/shared';
import * as encoding from 'lib0/encoding';
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
  /** Whether `owner`'s cursor is kept from `recipient` (an observing host's); none are by default. */
  hides?(owner: RoomPeer, recipient: RoomPeer): boolean;
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
    const states = [...this.awareness.getStates().keys()].filter((id) => this.mayShow(id, peer));
    if (states.length > 0) peer.send(awarenessFrame(this.awareness, states));
  }

  /**
   * Who may see whom changed (observers shown or hidden): hidden cursors are removed at
   * the peers they are now kept from, and shown ones sent to everyone.
   */
  visibilityChanged(): void {
    for (const recipient of this.options.peers()) {
      const hidden: number[] = [];
      const shown: number[] = [];
      for (const [owner, ids] of this.clients) {
        if (owner === recipient) continue;
        (this.hides(owner, recipient) ? hidden : shown).push(...ids);
      }
      if (hidden.length > 0) recipient.send(removalFrame(this.awareness, hidden));
      if (shown.length > 0) recipient.send(awarenessFrame(this.awareness, shown));
    }
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
    const changed = [...added, ...updated, ...removed];
    if (!changed.some((id) => this.hiddenFromAnyone(id))) {
      this.options.broadcast(awarenessFrame(this.awareness, changed));
      return;
    }
    const everything = awarenessFrame(this.awareness, changed);
    const visible = changed.filter((id) => !this.hiddenFromAnyone(id));
    const partial = visible.length > 0 ? awarenessFrame(this.awareness, visible) : null;
    for (const recipient of this.options.peers()) {
      if (changed.every((id) => this.mayShow(id, recipient))) recipient.send(everything);
      else if (partial) recipient.send(partial);
    }
  };

  private hides(owner: RoomPeer, recipient: RoomPeer): boolean {
    return this.options.hides?.(owner, recipient) ?? false;
  }

  private ownerOf(clientId: number): RoomPeer | undefined {
    for (const [peer, ids] of this.clients) if (ids.has(clientId)) return peer;
    return undefined;
  }

  private mayShow(clientId: number, recipient: RoomPeer): boolean {
    const owner = this.ownerOf(clientId);
    return !owner || !this.hides(owner, recipient);
  }

  /** Whether some peer does not see this client's cursor (only observers' can be hidden). */
  private hiddenFromAnyone(clientId: number): boolean {
    const owner = this.ownerOf(clientId);
    if (!owner?.observer) return false;
    for (const recipient of this.options.peers()) if (this.hides(owner, recipient)) return true;
    return false;
  }
}

/**
 * Removes cursors at one recipient only: a null state with the clock it already has
 * removes it (y-protocols), while the awareness itself keeps them.
 */
function removalFrame(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  // y-protocols types the states as objects, but encodes (and its own removals send) null.
  const states = new Map(clients.map((id) => [id, null as unknown as Record<string, unknown>]));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients, states));
  return encoding.toUint8Array(encoder);
}
