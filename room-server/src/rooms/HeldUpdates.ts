/** How much a peer may have waiting, and for how long. */
export interface HeldUpdatesLimits {
  maxCount: number;
  maxBytes: number;
  maxAgeMs: number;
}

export const DEFAULT_HELD_UPDATES_LIMITS: HeldUpdatesLimits = { maxCount: 64, maxBytes: 1024 * 1024, maxAgeMs: 5_000 };

interface Held {
  update: Uint8Array;
  at: number;
}

/**
 * Updates a peer sent before what they build on, kept (never applied) until it arrives.
 * A client that edited offline and types on as it reconnects sends its new keystrokes
 * at once, but its offline edits only in answer to the server's sync step 1, one round
 * trip later: refusing those keystrokes would make the client reload and lose the
 * offline work. What waits is bounded per peer in count, bytes and time; past any bound
 * the peer's update is refused as before.
 */
export class HeldUpdates<Peer> {
  private readonly held = new Map<Peer, Held[]>();

  constructor(
    private readonly limits: HeldUpdatesLimits = DEFAULT_HELD_UPDATES_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps `update` for `peer`; false when that would pass a bound (refuse it instead). */
  hold(peer: Peer, update: Uint8Array): boolean {
    const list = this.held.get(peer) ?? [];
    const bytes = list.reduce((sum, h) => sum + h.update.byteLength, update.byteLength);
    if (list.length >= this.limits.maxCount || bytes > this.limits.maxBytes || this.expired(peer)) return false;
    list.push({ update, at: this.now() });
    this.held.set(peer, list);
    return true;
  }

  /** Whether `peer`'s oldest held update has waited past the time bound. */
  expired(peer: Peer): boolean {
    const oldest = this.held.get(peer)?.[0];
    return oldest !== undefined && this.now() - oldest.at > this.limits.maxAgeMs;
  }

  /**
   * Offers `peer`'s held updates, oldest first, to `attempt`, which applies (or refuses,
   * by throwing) each it can and returns true for one that still waits: those stay held,
   * with the time they first arrived.
   */
  retry(peer: Peer, attempt: (update: Uint8Array) => boolean): void {
    const list = this.held.get(peer);
    if (!list) return;
    this.held.delete(peer);
    const still = list.filter((h) => attempt(h.update));
    if (still.length > 0) this.held.set(peer, still);
  }

  /** The oldest update held for `peer`, if any. */
  oldest(peer: Peer): Uint8Array | undefined {
    return this.held.get(peer)?.[0]?.update;
  }

  count(peer: Peer): number {
    return this.held.get(peer)?.length ?? 0;
  }

  drop(peer: Peer): void {
    this.held.delete(peer);
  }
}
