import { type AwarenessEntry, encodeAwarenessUpdate, MessageType, type RoomRole } from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Logger } from '../log/logger.ts';
import { AwarenessGuard } from './AwarenessGuard.ts';
import { awarenessFrame } from './frames.ts';
import { ParticipantColors } from './ParticipantColors.ts';
import type { RoomPeer } from './Room.ts';

/** A cursor's owner on another room-server, as that server describes them (cluster/ClusterAwareness). */
export interface RemoteCursorOwner {
  id: string;
  role: RoomRole;
  observer: boolean;
}

/** One cursor as room-servers exchange them: its awareness entry and who owns it (null: a removal after its owner left). */
export interface CursorEntry extends AwarenessEntry {
  owner: RemoteCursorOwner | null;
}

/** Stands in here for a peer of another room-server (sent nothing: its own server sends to it). */
interface RemotePeer extends RoomPeer {
  readonly server: string;
}

function isRemote(peer: RoomPeer): peer is RemotePeer {
  return 'server' in peer;
}

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
  /** The awareness client ids each peer spoke for (other servers' peers too, see applyRemote). */
  private readonly clients = new Map<RoomPeer, Set<number>>();
  private readonly remotes = new Map<string, RemotePeer>();

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

  /** Entries of `clientIds` (default: every cursor of this server's own peers), for other room-servers. */
  localEntries(clientIds?: readonly number[]): CursorEntry[] {
    const ids = clientIds ?? [...this.clients].flatMap(([peer, owned]) => (isRemote(peer) ? [] : [...owned]));
    return ids.flatMap((clientId) => {
      const owner = this.ownerOf(clientId);
      if (owner && isRemote(owner)) return [];
      const clock = this.awareness.meta.get(clientId)?.clock ?? 0;
      const state = this.awareness.getStates().get(clientId) ?? null;
      const described = owner ? { id: owner.id, role: owner.role, observer: owner.observer ?? false } : null;
      return [{ clientId, clock, state, owner: described }];
    });
  }

  /**
   * Cursors relayed by room-server `server`, each owned there by the peer it names (who
   * may see an observer's cursor is decided here, as for this server's own). A client id
   * one of this server's sockets speaks for is skipped: its tab moved here.
   */
  applyRemote(server: string, entries: readonly CursorEntry[], origin: unknown): void {
    const accepted = entries.filter(({ clientId, owner }) => {
      const current = this.ownerOf(clientId);
      if (current && !isRemote(current)) return false;
      if (owner === null) return current?.server === server;
      const peer = this.remotePeer(server, owner);
      if (current && current !== peer) this.forgetRemote(clientId);
      this.clients.get(peer)?.add(clientId);
      this.guard.claimRemote(clientId, peer);
      return true;
    });
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(accepted), origin);
  }

  /** Removes the cursors relayed by room-server `server` (it stopped without removing them). */
  dropServer(server: string, origin: unknown): void {
    const ids = [...this.clients].flatMap(([peer, owned]) =>
      isRemote(peer) && peer.server === server ? [...owned] : [],
    );
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, origin);
  }

  /** The room-servers whose peers' cursors are shown here. */
  remoteServers(): Set<string> {
    return new Set([...this.remotes.values()].map((peer) => peer.server));
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
    for (const id of removed) this.forgetRemote(id);
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

  private remotePeer(server: string, owner: RemoteCursorOwner): RemotePeer {
    const key = JSON.stringify([server, owner.id, owner.role, owner.observer]);
    let peer = this.remotes.get(key);
    if (!peer) {
      const { id, role, observer } = owner;
      peer = { server, id, role, observer, name: '', userId: null, send: () => {} };
      this.remotes.set(key, peer);
      this.clients.set(peer, new Set());
    }
    return peer;
  }

  /** A remote peer's client id is gone; so is the remote peer once it has none. */
  private forgetRemote(clientId: number): void {
    const owner = this.ownerOf(clientId);
    if (!owner || !isRemote(owner)) return;
    const owned = this.clients.get(owner);
    owned?.delete(clientId);
    this.guard.releaseRemote(clientId, owner);
    if (owned?.size) return;
    this.clients.delete(owner);
    for (const [key, peer] of this.remotes) if (peer === owner) this.remotes.delete(key);
  }

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
