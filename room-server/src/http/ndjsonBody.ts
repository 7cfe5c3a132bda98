import { PassThrough } from 'node:stream';
import type { Context } from 'koa';

/**
 * Makes the answer a stream of JSON values, one a line (NDJSON), each written as it
 * happens. `gone` fires when the client goes away; end the stream with `end()`.
 */
export function ndjsonBody(ctx: Context): { write(value: unknown): void; end(): void; gone: AbortSignal } {
  const body = new PassThrough();
  ctx.type = 'application/x-ndjson';
  ctx.set('Cache-Control', 'no-store');
  // Proxies (nginx) would otherwise hold the lines back until the answer ends.
  ctx.set('X-Accel-Buffering', 'no');
  ctx.body = body;
  const gone = new AbortController();
  ctx.res.once('close', () => gone.abort());
  return { write: (value) => body.write(`${JSON.stringify(value)}\n`), end: () => body.end(), gone: gone.signal };
}
