/**
 * At most `limit` events per key in any `windowMs` (a sliding window of the times of the
 * last `limit` accepted events). Refused events do not count.
 */
export class ChatRateLimiter<K> {
  private readonly accepted = new Map<K, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Whether `key` may act at `now`; counts it if so. */
  take(key: K, now: number): boolean {
    const times = (this.accepted.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (times.length >= this.limit) {
      this.accepted.set(key, times);
      return false;
    }
    times.push(now);
    this.accepted.set(key, times);
    return true;
  }

  /** How long (ms) until `key` may act again at `now` (0: now). */
  waitMs(key: K, now: number): number {
    const times = (this.accepted.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (times.length < this.limit) return 0;
    return (times[0] as number) + this.windowMs - now;
  }

  forget(key: K): void {
    this.accepted.delete(key);
  }
}
