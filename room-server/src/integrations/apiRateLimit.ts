import createHttpError from 'http-errors';
import type { Middleware } from 'koa';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { callerOf } from './apiCaller.ts';

export const DEFAULT_API_RATE_LIMIT_PER_MINUTE = 120;

/**
 * At most `perMinute` API requests per caller (token or account) in any minute, polls
 * included: one more is answered 429 with Retry-After. Runs after apiCaller, so a
 * request that names no valid token is refused before it counts.
 */
export function apiRateLimit(perMinute: number): Middleware {
  const limiter = new RateLimiterMemory({ keyPrefix: 'api', points: perMinute, duration: 60 });
  return async (ctx, next) => {
    ctx.set('RateLimit-Limit', String(perMinute));
    try {
      const state = await limiter.consume(callerOf(ctx).key);
      ctx.set('RateLimit-Remaining', String(state.remainingPoints));
    } catch (err) {
      // consume() rejects with the limiter's state once the limit is passed.
      if (!(err instanceof RateLimiterRes)) throw err;
      ctx.set('RateLimit-Remaining', '0');
      ctx.set('Retry-After', String(Math.max(1, Math.ceil(err.msBeforeNext / 1000))));
      throw createHttpError(
        429,
        `More than ${perMinute} API requests in a minute: try again after Retry-After seconds`,
      );
    }
    await next();
  };
}
