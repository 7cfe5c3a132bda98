import { randomUUID } from 'node:crypto';
import { acceptRequestId } from '@codestream/shared';
import type Koa from 'koa';
import { childLogger, type Logger } from './logger.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** Names a Run's live stdin (RemoteJudge sends it with the run): POST /runs/stdin/<id> feeds it. */
export const STDIN_ID_HEADER = 'X-Stdin-Id';

export interface RequestContextOptions {
  log: Logger;
  /** Paths polled by machines (health, readiness, metrics): answered, not logged. */
  quietPaths?: readonly string[];
}

/**
 * First middleware of an app: gives each request an id (a well-formed `X-Request-Id` from
 * the client or a proxy, else a fresh one), sends it back in the same header, puts a
 * logger whose every line carries it on `ctx.state.log`, and logs one line per request
 * once it is answered.
 */
export function requestContext(options: RequestContextOptions): Koa.Middleware {
  const quiet = new Set(options.quietPaths ?? []);
  return async (ctx, next) => {
    const started = performance.now();
    const requestId = acceptRequestId(ctx.get(REQUEST_ID_HEADER) || undefined, randomUUID);
    const log = childLogger(options.log, { requestId });
    ctx.state.requestId = requestId;
    ctx.state.log = log;
    ctx.set(REQUEST_ID_HEADER, requestId);
    try {
      await next();
    } finally {
      if (!quiet.has(ctx.path)) {
        const ms = Math.round(performance.now() - started);
        log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms }, 'request');
      }
    }
  };
}

/** The request's own logger (see requestContext), else `fallback`. */
export function requestLog(ctx: Koa.Context, fallback: Logger): Logger {
  return (ctx.state.log as Logger | undefined) ?? fallback;
}

/** The request's id (see requestContext). */
export function requestIdOf(ctx: Koa.Context): string | undefined {
  return ctx.state.requestId as string | undefined;
}
