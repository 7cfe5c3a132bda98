import {
  type AwarenessEntry,
  claimedAwarenessStateSchema,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
  toDisplayName,
} from '@codestream/shared';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../log/logger.ts';

export interface AwarenessLimits {
  /** Largest awareness update accepted, in bytes; a larger one refuses the update. */
  maxUpdateBytes: number;
  /** Awareness client ids one socket may speak for (a tab has one). */
  maxClientsPerPeer: number;
  /** Updates relayed per second per socket in the long run; faster ones are merged. */
  updatesPerSecond: number;
  /** Updates relayed at once before the rate applies. */
  burst: number;
}

export const DEFAULT_AWARENESS_LIMITS: AwarenessLimits = {
  maxUpdateBytes: 8 * 1024,
  maxClientsPerPeer: 4,
  updatesPerSecond: 20,
  burst: 20,
};

/** Departed client ids remembered per room (a few bytes each). */
const MAX_DEPARTED = 1_000;

/** Who sends awareness: any object identifies the socket. */
export type AwarenessSender = object;

/** Who a cursor belongs to, as the server knows the socket: replaces whatever the client claimed. */
export interface AwarenessIdentity {
  id: string;
  name: string;
  role: string;
  color: string;
  colorLight: string;
}

/** An awareness update that must not be relayed; the room closes the socket that sent it. */
export class AwarenessRefusedError extends Error {
  readonly reason = 'awareness-refused';
}

interface SenderState {
  /** Client ids this socket has spoken for; kept after a removal, so ids cannot be cycled past the limit. */
  readonly clients: Set<number>;
  tokens: number;
  refilledAt: number;
  /** The latest entry per client id waiting for a token. */
  readonly pending: Map<number, AwarenessEntry>;
  timer: NodeJS.Timeout | undefined;
}

export interface AwarenessGuardOptions {
  /** The room's awareness; accepted updates are applied to it with the sender as origin. */
  awareness: awarenessProtocol.Awareness;
  /** The identity every state of `sender` carries. */
  userOf(sender: AwarenessSender): AwarenessIdentity;
  limits?: AwarenessLimits;
  log: Logger;
}

/**
 * The gate between a room socket and the room's awareness. Every entry must pass
 * `claimedAwarenessStateSchema` or the whole update is refused (our client only sends
 * valid states, so anything else is a bug or an attack, and half an update is not worth
 * keeping). The person relayed (id, name, role, colour) is always the one the server
 * knows for the socket (account or guest pass), never the one claimed. A socket speaks for at most
 * `maxClientsPerPeer` client ids and never for another socket's. Updates beyond the rate
 * are merged per client id and relayed when a token is free, so the last cursor
 * position always arrives, only later.
 */
export class AwarenessGuard {
  private readonly limits: AwarenessLimits;
  private readonly senders = new Map<AwarenessSender, SenderState>();
  /** Which socket speaks for each client id. */
  private readonly owners = new Map<number, AwarenessSender>();
  /** Client ids of sockets that left (the latest MAX_DEPARTED), with their person: echoes still arrive. */
  private readonly departed = new Map<number, string>();

  constructor(private readonly options: AwarenessGuardOptions) {
    this.limits = options.limits ?? DEFAULT_AWARENESS_LIMITS;
  }

  /** Checks one awareness update of `sender` and relays it now or later. Throws AwarenessRefusedError. */
  receive(sender: AwarenessSender, update: Uint8Array): void {
    if (update.byteLength > this.limits.maxUpdateBytes) {
      throw new AwarenessRefusedError(
        `awareness update of ${update.byteLength} bytes (limit ${this.limits.maxUpdateBytes})`,
      );
    }
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update, this.limits.maxClientsPerPeer);
    } catch (err) {
      throw new AwarenessRefusedError(`undecodable awareness update: ${(err as Error).message}`);
    }
    // The stock client echoes every state it is sent: entries of other sockets, present or
    // gone, are dropped unchecked (they carry the identity the server put on them). A tab
    // that reconnects keeps its client id: the same person may take it up again.
    const person = this.options.userOf(sender).id;
    const own = entries.filter((entry) => {
      const owner = this.owners.get(entry.clientId);
      return owner === sender || (owner === undefined && (this.departed.get(entry.clientId) ?? person) === person);
    });
    const accepted = own.map((entry) => this.check(sender, entry));
    const state = this.stateOf(sender);
    for (const entry of accepted) {
      if (entry && this.claim(sender, state, entry)) state.pending.set(entry.clientId, entry);
    }
    this.flush(sender, state);
  }

  /** Forgets a socket that left; its pending updates are dropped (the room removes its states). */
  forget(sender: AwarenessSender): void {
    const state = this.senders.get(sender);
    if (!state) return;
    clearTimeout(state.timer);
    const person = this.options.userOf(sender).id;
    for (const id of state.clients) {
      this.owners.delete(id);
      this.departed.delete(id);
      this.departed.set(id, person);
    }
    for (const id of this.departed.keys()) {
      if (this.departed.size <= MAX_DEPARTED) break;
      this.departed.delete(id);
    }
    this.senders.delete(sender);
  }

  /**
   * A client id another room-server's peer speaks for (with Redis): this server's
   * sockets echo its states back, and those echoes are dropped like any other socket's.
   */
  claimRemote(clientId: number, owner: AwarenessSender): void {
    if (!this.senders.has(this.owners.get(clientId) as AwarenessSender)) this.owners.set(clientId, owner);
  }

  /** The remote peer's client id is gone: a socket of this server may take it up (a tab that moved here). */
  releaseRemote(clientId: number, owner: AwarenessSender): void {
    if (this.owners.get(clientId) === owner) this.owners.delete(clientId);
  }

  /** Stops every pending relay. */
  close(): void {
    for (const sender of [...this.senders.keys()]) this.forget(sender);
  }

  /** The entry as it will be relayed, or throws if it is not a state the room accepts. */
  private check(sender: AwarenessSender, entry: AwarenessEntry): AwarenessEntry {
    const parsed = claimedAwarenessStateSchema.safeParse(entry.state);
    if (!parsed.success) {
      throw new AwarenessRefusedError(`invalid awareness state: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    if (parsed.data === null) return entry;
    const known = this.options.userOf(sender);
    const user = { ...known, name: toDisplayName(known.name) };
    return { ...entry, state: { ...parsed.data, user } };
  }

  /**
   * Whether `sender` may speak for the entry's client id. Entries for another socket's id
   * are dropped, not refused: a tab that reconnects before its old socket timed out
   * sends for the same id. Throws when a socket would pass its id limit.
   */
  private claim(sender: AwarenessSender, state: SenderState, entry: AwarenessEntry): boolean {
    const owner = this.owners.get(entry.clientId);
    if (owner) return owner === sender;
    // The server's own id, or a removal of an id nobody holds: applying it would only
    // leave a meta entry behind in the awareness.
    if (entry.clientId === this.options.awareness.clientID || entry.state === null) return false;
    if (state.clients.size >= this.limits.maxClientsPerPeer) {
      throw new AwarenessRefusedError(`more than ${this.limits.maxClientsPerPeer} awareness client ids on one socket`);
    }
    state.clients.add(entry.clientId);
    this.owners.set(entry.clientId, sender);
    return true;
  }

  private stateOf(sender: AwarenessSender): SenderState {
    let state = this.senders.get(sender);
    if (!state) {
      state = {
        clients: new Set(),
        tokens: this.limits.burst,
        refilledAt: Date.now(),
        pending: new Map(),
        timer: undefined,
      };
      this.senders.set(sender, state);
    }
    return state;
  }

  /** Relays the pending entries if a token is free, else once one will be. */
  private flush(sender: AwarenessSender, state: SenderState): void {
    if (state.pending.size === 0 || state.timer) return;
    const now = Date.now();
    const { updatesPerSecond, burst } = this.limits;
    state.tokens = Math.min(burst, state.tokens + ((now - state.refilledAt) * updatesPerSecond) / 1000);
    state.refilledAt = now;
    if (state.tokens < 1) {
      state.timer = setTimeout(
        () => {
          state.timer = undefined;
          try {
            this.flush(sender, state);
          } catch (err) {
            // Outside any socket handler: an error here must not end the process.
            this.options.log.error({ err }, 'relaying awareness failed');
          }
        },
        Math.ceil(((1 - state.tokens) * 1000) / updatesPerSecond),
      );
      return;
    }
    state.tokens -= 1;
    const update = encodeAwarenessUpdate(state.pending.values());
    state.pending.clear();
    awarenessProtocol.applyAwarenessUpdate(this.options.awareness, update, sender);
  }
}
