import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { checkInRedis, LIMIT_KEY_PREFIX, type LimitStore } from './LimitStore.ts';

/** What a key has used of its limit in the current window. */
export interface LimitState {
  /** Counted in this window; above `points` the key is past its limit (or blocked). */
  consumed: number;
  remaining: number;
  /** Until the window (or the block) ends. */
  msBeforeNext: number;
}

/**
 * A count per key over a window (rate-limiter-flexible's fixed window): in memory, or in
 * Redis for every room-server at once (its atomic INCR + EXPIRE script) — one interface,
 * so callers do not know which. With Redis, every call throws LimitUnavailableError when
 * Redis cannot answer.
 */
export interface Limiter {
  readonly points: number;
  /** Counts one for `key`: the state after, past the limit or not. */
  consume(key: string): Promise<LimitState>;
  /** The key's state, null when it has used nothing in this window. */
  get(key: string): Promise<LimitState | null>;
  delete(key: string): Promise<void>;
}

export interface LimiterSettings {
  /** Names the limit in Redis keys (`codestream:limit:<name>:<key>`). */
  name: string;
  points: number;
  durationSeconds: number;
  /** Once past the limit, the key stays refused this long (0: until the window ends). */
  blockSeconds?: number;
}

const stateOf = (res: RateLimiterRes): LimitState => ({
  consumed: res.consumedPoints,
  remaining: res.remainingPoints,
  msBeforeNext: res.msBeforeNext,
});

export function createLimiter(store: LimitStore, settings: LimiterSettings): Limiter {
  const options = {
    points: settings.points,
    duration: settings.durationSeconds,
    blockDuration: settings.blockSeconds ?? 0,
  };
  const limiter: RateLimiterAbstract =
    store.kind === 'redis'
      ? new RateLimiterRedis({ ...options, storeClient: store.redis, keyPrefix: `${LIMIT_KEY_PREFIX}${settings.name}` })
      : new RateLimiterMemory({ ...options, keyPrefix: settings.name });
  const call = <T>(work: () => Promise<T>) => (store.kind === 'redis' ? checkInRedis(store.redis, work) : work());
  return {
    points: settings.points,
    consume: (key) =>
      call(() =>
        limiter.consume(key).then(stateOf, (err: unknown) => {
          // consume() rejects with the key's state once it is past the limit: an answer, not a failure.
          if (err instanceof RateLimiterRes) return stateOf(err);
          throw err;
        }),
      ),
    get: (key) =>
      call(async () => {
        const res = await limiter.get(key);
        return res ? stateOf(res) : null;
      }),
    delete: (key) => call(async () => void (await limiter.delete(key))),
  };
}
