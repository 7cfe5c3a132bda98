import type { Context } from 'koa';
import getRawBody from 'raw-body';

/**
 * Reads the raw request body up to `limit` bytes: 413 as soon as the declared length is
 * over (before reading anything), or once the streamed bytes pass it.
 */
export async function readRawBody(ctx: Context, limit: number, what: string): Promise<Buffer> {
  const encoding = ctx.get('content-encoding');
  // A compressed body could inflate past every limit; clients have no reason to send one.
  if (encoding && encoding !== 'identity') ctx.throw(415, 'Compressed request bodies are not accepted');
  const declared = ctx.request.length;
  const tooLarge = `${what} is larger than the limit of ${limit} bytes`;
  if (declared !== undefined && declared > limit) ctx.throw(413, tooLarge);
  try {
    return await getRawBody(ctx.req, { limit, ...(declared !== undefined ? { length: declared } : {}) });
  } catch (err) {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') ctx.throw(413, tooLarge);
    if (e.status && e.status < 500) ctx.throw(400, `Could not read the request body (${e.type ?? 'aborted'})`);
    throw err;
  }
}

/** A JSON body read with this route's own limit (the app-wide parser allows only 16 kB). */
export async function readJsonBody(ctx: Context, limit: number): Promise<unknown> {
  // Parsed already by an app-level parser (when problem routes are not exempted from it).
  if (ctx.request.body !== undefined) return ctx.request.body;
  if (!ctx.is('application/json')) ctx.throw(415, 'Send JSON (Content-Type: application/json)');
  const raw = await readRawBody(ctx, limit, 'The request body');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    ctx.throw(400, 'The request body is not valid JSON');
  }
}
