export interface LoadingCacheOptions<V> {
  /** How long a loaded value is served before it is loaded again. */
  ttlMs: number;
  /** Most keys held; the least recently used go first. */
  maxEntries: number;
  /** Whether a loaded value is worth keeping (e.g. not a miss, which anyone can make up). */
  keep?: (value: V) => boolean;
  now?: () => number;
}

interface Entry<V> {
  promise: Promise<V>;
  expiresAt: number;
  /** Set once the load has answered; until then the value is unknown. */
  loaded?: { value: V };
}

/**
 * Values loaded at most once per key and `ttlMs`, for lookups that many sockets make at
 * the same moment (a page opening several of them, a server restart reconnecting
 * everyone). Concurrent gets of a key share one load; a failed load is not kept.
 * Forgetting a key also drops a load still under way, so an answer read before a change
 * is never served after it.
 */
export class LoadingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;

  constructor(private readonly options: LoadingCacheOptions<V>) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Keeps `value` for `key` as if just loaded: for the writer of a value, who knows it already. */
  remember(key: string, value: V): void {
    if (this.options.keep && !this.options.keep(value)) {
      this.entries.delete(key);
      return;
    }
    this.insert(key, {
      promise: Promise.resolve(value),
      expiresAt: this.now() + this.options.ttlMs,
      loaded: { value },
    });
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) {
      // Re-inserted so Map order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.promise;
    }
    const entry: Entry<V> = { promise: load(), expiresAt: this.now() + this.options.ttlMs };
    this.insert(key, entry);
    entry.promise.then(
      (value) => {
        if (this.entries.get(key) !== entry) return;
        if (this.options.keep && !this.options.keep(value)) this.entries.delete(key);
        else entry.loaded = { value };
      },
      () => {
        // The caller sees the error; the next get tries again.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.promise;
  }

  private insert(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every value `matches`, and every load still under way (its value is not known yet). */
  forgetWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (!entry.loaded || matches(entry.loaded.value)) this.entries.delete(key);
    }
  }
}
