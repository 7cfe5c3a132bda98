import { requestLog } from '@codestream/judge';
import type { Middleware } from 'koa';
import type { Logger } from '../log/logger.ts';

/**
 * The one error middleware: every error becomes `{ error: { message } }`. The message
 * is shown for 4xx errors and for 5xx errors made to be shown (`expose: true`, e.g. a 503
 * saying what is unavailable); other 5xx errors are logged and answered generically.
 */
export function errorMiddleware(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { message: 'Not found' } };
      }
    } catch (err) {
      const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; details?: unknown };
      const status = e.status ?? e.statusCode ?? 500;
      ctx.status = status;
      if (status >= 500 && e.expose === true) {
        requestLog(ctx, log).warn({ err, method: ctx.method, path: ctx.path }, 'request refused');
        ctx.body = { error: { message: e.message } };
      } else if (status >= 500) {
        requestLog(ctx, log).error({ err, method: ctx.method, path: ctx.path }, 'request failed');
        ctx.body = { error: { message: 'Internal server error' } };
      } else {
        ctx.body = { error: { message: e.message ?? 'Bad request', ...(e.details ? { details: e.details } : {}) } };
      }
    }
  };
}
