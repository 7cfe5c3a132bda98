import createHttpError from 'http-errors';
import type { Middleware } from 'koa';
import { createLimiter, type LimitState } from '../limits/Limiter.ts';
import { LIMIT_UNAVAILABLE_RETRY_SECONDS, type LimitStore, LimitUnavailableError } from '../limits/LimitStore.ts';
import { callerOf } from './apiCaller.ts';

export const DEFAULT_API_RATE_LIMIT_PER_MINUTE = 120;

/** The 503 of an API request whose limits cannot be counted (Redis away): refused, never let through uncounted. */
export function apiLimitUnavailable(
  ctx: { set(field: string, value: string): void },
  what: string,
  cause: LimitUnavailableError,
) {
  ctx.set('Retry-After', String(LIMIT_UNAVAILABLE_RETRY_SECONDS));
  return createHttpError(
    503,
    `The API cannot count ${what} just now (its shared store is unreachable): try again in a moment`,
    { expose: true, cause },
  );
}

/**
 * At most `perMinute` API requests per caller (token or account) in any minute, polls
 * included: one more is answered 429 with Retry-After. Counted in `store`: with Redis,
 * across every room-server. Runs after apiCaller, so a request that names no valid token
 * is refused before it counts.
 */
export function apiRateLimit(perMinute: number, store: LimitStore): Middleware {
  const limiter = createLimiter(store, { name: 'api', points: perMinute, durationSeconds: 60 });
  return async (ctx, next) => {
    ctx.set('RateLimit-Limit', String(perMinute));
    let state: LimitState;
    try {
      state = await limiter.consume(callerOf(ctx).key);
    } catch (err) {
      if (err instanceof LimitUnavailableError) throw apiLimitUnavailable(ctx, 'your requests', err);
      throw err;
    }
    ctx.set('RateLimit-Remaining', String(state.remaining));
    if (state.consumed > perMinute) {
      ctx.set('Retry-After', String(Math.max(1, Math.ceil(state.msBeforeNext / 1000))));
      throw createHttpError(
        429,
        `More than ${perMinute} API requests in a minute: try again after Retry-After seconds`,
      );
    }
    await next();
  };
}
