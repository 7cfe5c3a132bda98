import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type Judge, runRequestSchema, submitRequestSchema } from '@codestream/shared';
import Router from '@koa/router';
import Koa from 'koa';
import type { JudgeLogger } from './SandboxRun.ts';

export interface JudgeServiceOptions {
  judge: Judge;
  /** Clients must send `Authorization: Bearer <token>`. */
  token: string;
  /** Defaults to 127.0.0.1: the service executes arbitrary code and must not be public by accident. */
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  log?: JudgeLogger;
}

export interface JudgeService {
  /** Base URL, e.g. http://127.0.0.1:8081 */
  readonly url: string;
  close(): Promise<void>;
}

/** Code plus stdin are capped by the schema; JSON escaping can at most ~6× them. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** A submission carries its tests' inputs and expected outputs. */
const MAX_SUBMISSION_BODY_BYTES = 256 * 1024 * 1024;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time: compares fixed-length digests, so neither content nor length leaks through timing. */
function tokenMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
}

async function readJsonBody(ctx: Koa.Context, req: IncomingMessage, maxBytes: number): Promise<unknown> {
  ctx.assert(ctx.is('application/json'), 415, 'Expected Content-Type: application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    ctx.assert(size <= maxBytes, 413, `Request body larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    ctx.throw(400, 'Request body is not valid JSON');
  }
}

async function* ndjson(events: AsyncIterable<unknown>): AsyncGenerator<string> {
  for await (const event of events) yield `${JSON.stringify(event)}\n`;
}

/**
 * The standalone judge: `POST /runs` streams one RunEvent per line (NDJSON) as the judge
 * produces them, `POST /submissions` one SubmitEvent per line; a client that disconnects
 * aborts its job. `GET /health` answers 200.
 */
export async function createJudgeService(options: JudgeServiceOptions): Promise<JudgeService> {
  const { judge } = options;
  const log = options.log ?? { warn: (message, err) => console.warn(`[judge-service] ${message}`, err ?? '') };
  const expectedToken = digest(options.token);
  const app = new Koa();
  const router = new Router();

  // The one error middleware: 4xx carry their message, anything else is logged and hidden.
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      const expose = status >= 400 && status < 500;
      if (!expose) log.warn(`${ctx.method} ${ctx.path} failed`, err);
      ctx.status = status;
      ctx.body = { error: expose ? (err as Error).message : 'Internal error' };
    }
  });

  router.get('/health', (ctx) => {
    ctx.body = { ok: true };
  });

  function authorize(ctx: Koa.Context): void {
    if (!tokenMatches(ctx.get('Authorization') || undefined, expectedToken)) {
      ctx.set('WWW-Authenticate', 'Bearer');
      ctx.throw(401, 'Missing or wrong bearer token');
    }
  }

  /** Streams a job's events as NDJSON; a client that goes away aborts the job. */
  function stream(ctx: Koa.Context, start: (signal: AbortSignal) => AsyncIterable<unknown>): void {
    const controller = new AbortController();
    // `close` on the response fires when the client goes away (or after a normal end,
    // when aborting a finished job is a no-op). The request's own `close` fires as soon
    // as its body is read, so it cannot be used.
    ctx.res.once('close', () => controller.abort());
    ctx.type = 'application/x-ndjson';
    ctx.set('Cache-Control', 'no-store');
    // Proxies such as nginx would otherwise buffer the stream and delay output.
    ctx.set('X-Accel-Buffering', 'no');
    // Readable.from stops the iterator (and so the job's cleanup) if the response breaks.
    ctx.body = Readable.from(ndjson(start(controller.signal)), { objectMode: false });
  }

  router.post('/runs', async (ctx) => {
    authorize(ctx);
    const parsed = runRequestSchema.safeParse(await readJsonBody(ctx, ctx.req, MAX_BODY_BYTES));
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { error: 'Invalid run request', issues: parsed.error.issues };
      return;
    }
    stream(ctx, (signal) => judge.run(parsed.data, signal));
  });

  router.post('/submissions', async (ctx) => {
    authorize(ctx);
    const parsed = submitRequestSchema.safeParse(await readJsonBody(ctx, ctx.req, MAX_SUBMISSION_BODY_BYTES));
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { error: 'Invalid submission', issues: parsed.error.issues };
      return;
    }
    stream(ctx, (signal) => judge.submit(parsed.data, signal));
  });

  app.use(router.routes()).use(router.allowedMethods());
  // Errors are reported by the middleware above; Koa's default would print stack traces of 4xx.
  app.silent = true;

  const server: Server = app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Streaming responses would keep close() waiting until their runs end; dropping
        // them aborts those runs (see the `close` listener above).
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
