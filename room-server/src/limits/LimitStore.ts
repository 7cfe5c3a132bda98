import type { Redis } from 'ioredis';

/**
 * Where a server counts its limits (failed sign-ins, API requests, API jobs in progress):
 * its own memory when it works alone, or the Redis it shares with the other room-servers
 * (REDIS_URL), so a limit holds across all of them instead of once per server.
 */
export type LimitStore = { kind: 'memory' } | { kind: 'redis'; redis: Redis };

export const MEMORY_LIMITS: LimitStore = { kind: 'memory' };

/** Every limit's Redis keys start so (under the cluster's `codestream:`), so an operator finds them together. */
export const LIMIT_KEY_PREFIX = 'codestream:limit:';

/**
 * A limit that cannot be counted just now (Redis unreachable or not answering). The
 * request it guards is refused: a limit is never skipped because it could not be read.
 */
export class LimitUnavailableError extends Error {
  readonly reason = 'store-unreachable';
}

/** Retry-After of a request refused because its limit could not be counted. */
export const LIMIT_UNAVAILABLE_RETRY_SECONDS = 5;

/** How long a limit check waits for Redis: a request must not hang on a Redis that stopped answering. */
export const LIMIT_CHECK_TIMEOUT_MS = 2_000;

/**
 * Runs `work` (commands on `redis`) for a limit check: refused at once while the
 * connection is down (its commands would wait in ioredis's queue for the reconnect), and
 * after LIMIT_CHECK_TIMEOUT_MS without an answer. `onTimeout` may undo what the
 * unanswered commands would do should they still reach Redis later.
 */
export async function checkInRedis<T>(redis: Redis, work: () => Promise<T>, onTimeout?: () => void): Promise<T> {
  if (redis.status !== 'ready') throw new LimitUnavailableError(`Redis is not connected (${redis.status})`);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new LimitUnavailableError(`Redis did not answer within ${LIMIT_CHECK_TIMEOUT_MS} ms`));
    }, LIMIT_CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      work().catch((err: unknown) => {
        throw new LimitUnavailableError(`Redis refused a limit check: ${(err as Error).message}`, { cause: err });
      }),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
