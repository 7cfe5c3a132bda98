import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type Judge, type RunEvent, runRequestSchema } from '@codestream/shared';
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

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time: compares fixed-length digests, so neither content nor length leaks through timing. */
function tokenMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
}

async function readJsonBody(ctx: Koa.Context, req: IncomingMessage): Promise<unknown> {
  ctx.assert(ctx.is('application/json'), 415, 'Expected Content-Type: application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    ctx.assert(size <= MAX_BODY_BYTES, 413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    ctx.throw(400, 'Request body is not valid JSON');
  }
}

async function* ndjson(events: AsyncIterable<RunEvent>): AsyncGenerator<string> {
  for await (const event of events) yield `${JSON.stringify(event)}\n`;
}

/**
 * The standalone judge: `POST /runs` streams one RunEvent per line (NDJSON) as the judge
 * produces them; a client that disconnects aborts its run. `GET /health` answers 200.
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

  router.post('/runs', async (ctx) => {
    if (!tokenMatches(ctx.get('Authorization') || undefined, expectedToken)) {
      ctx.set('WWW-Authenticate', 'Bearer');
      ctx.throw(401, 'Missing or wrong bearer token');
    }
    const parsed = runRequestSchema.safeParse(await readJsonBody(ctx, ctx.req));
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { error: 'Invalid run request', issues: parsed.error.issues };
      return;
    }
    const controller = new AbortController();
    // `close` on the response fires when the client goes away (or after a normal end,
    // when aborting a finished run is a no-op). The request's own `close` fires as soon
    // as its body is read, so it cannot be used.
    ctx.res.once('close', () => controller.abort());
    ctx.type = 'application/x-ndjson';
    ctx.set('Cache-Control', 'no-store');
    // Proxies such as nginx would otherwise buffer the stream and delay output.
    ctx.set('X-Accel-Buffering', 'no');
    // Readable.from stops the iterator (and so the run's cleanup) if the response breaks.
    ctx.body = Readable.from(ndjson(judge.run(parsed.data, controller.signal)), { objectMode: false });
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
