import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  type Judge,
  type RunOptions,
  runRequestSchema,
  StdinChannel,
  stdinChunkSchema,
  submitRequestSchema,
} from '@codestream/shared';
import Router from '@koa/router';
import Koa from 'koa';
import { bearerTokenCheck } from './bearerToken.ts';
import { cachedCheck } from './cachedCheck.ts';
import { loggedJob } from './loggedJob.ts';
import { createLogger, type Logger } from './logger.ts';
import { type MetricsAccess, metricsRoute } from './metricsEndpoint.ts';
import { requestContext, requestIdOf, requestLog, STDIN_ID_HEADER } from './requestContext.ts';

export interface JudgeServiceOptions {
  judge: Judge;
  /** Clients must send `Authorization: Bearer <token>`. */
  token: string;
  /** Defaults to 127.0.0.1: the service executes arbitrary code and must not be public by accident. */
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Defaults to JSON lines on stderr, warnings and errors only. */
  log?: Logger;
  /** GET /metrics on this port (see metricsRoute); unset: not served here. */
  metrics?: MetricsAccess;
}

export interface JudgeService {
  /** Base URL, e.g. http://127.0.0.1:8081 */
  readonly url: string;
  close(): Promise<void>;
}

const STDIN_ID = /^[A-Za-z0-9-]{16,64}$/;
/** One chunk of live input is a typed line (MAX_STDIN_CHUNK_BYTES), JSON-escaped. */
const MAX_STDIN_BODY_BYTES = 64 * 1024;

/** Code plus stdin are capped by the schema; JSON escaping can at most ~6× them. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** A submission carries its tests' inputs and expected outputs. */
const MAX_SUBMISSION_BODY_BYTES = 256 * 1024 * 1024;

/** Docker (or whatever the judge runs on) is asked at most once a second by /health. */
const HEALTH_CACHE_MS = 1_000;
const HEALTH_TIMEOUT_MS = 2_000;

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
 * aborts its job. A run posted with `liveStdin` and an X-Stdin-Id header takes live input
 * while it runs: each `POST /runs/stdin/<id>` is one StdinChunk. `GET /health` answers 200 `{ ok: true }` while the judge is ready, else
 * 503 with its problems. Every job is logged when it starts and ends, with its request id.
 */
export async function createJudgeService(options: JudgeServiceOptions): Promise<JudgeService> {
  const { judge } = options;
  const log = options.log ?? createLogger({ name: 'judge', level: 'warn' });
  const tokenMatches = bearerTokenCheck(options.token);
  const ready = cachedCheck(async () => judge.checkReady?.(), {
    timeoutMs: HEALTH_TIMEOUT_MS,
    cacheMs: HEALTH_CACHE_MS,
  });
  /** Live stdin of the runs streaming now, by their X-Stdin-Id. */
  const liveInputs = new Map<string, StdinChannel>();
  const app = new Koa();
  const router = new Router();

  app.use(requestContext({ log, quietPaths: ['/health', '/metrics'] }));
  // The one error middleware: 4xx carry their message, anything else is logged and hidden.
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      const expose = status >= 400 && status < 500;
      if (!expose) requestLog(ctx, log).error({ err, method: ctx.method, path: ctx.path }, 'request failed');
      ctx.status = status;
      ctx.body = { error: expose ? (err as Error).message : 'Internal error' };
    }
  });

  if (options.metrics) app.use(metricsRoute(options.metrics));

  router.get('/health', async (ctx) => {
    const problems = await ready();
    ctx.status = problems.length === 0 ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = problems.length === 0 ? { ok: true } : { ok: false, problems };
  });

  function authorize(ctx: Koa.Context): void {
    if (!tokenMatches(ctx.get('Authorization') || undefined)) {
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
    const job = { kind: 'run', language: parsed.data.language, requestId: parsed.data.requestId ?? requestIdOf(ctx) };
    const options: RunOptions = {};
    if (parsed.data.liveStdin) {
      const id = ctx.get(STDIN_ID_HEADER);
      if (!STDIN_ID.test(id)) {
        ctx.throw(400, `A run with live stdin needs an ${STDIN_ID_HEADER} header (16 to 64 letters, digits, dashes)`);
      }
      if (liveInputs.has(id)) ctx.throw(409, 'That stdin id is in use');
      const channel = new StdinChannel();
      liveInputs.set(id, channel);
      ctx.res.once('close', () => {
        channel.end();
        liveInputs.delete(id);
      });
      options.stdin = channel;
    }
    stream(ctx, (signal) => loggedJob(log, job, judge.run(parsed.data, signal, options)));
  });

  router.post('/runs/stdin/:id', async (ctx) => {
    authorize(ctx);
    const parsed = stdinChunkSchema.safeParse(await readJsonBody(ctx, ctx.req, MAX_STDIN_BODY_BYTES));
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { error: 'Invalid stdin chunk', issues: parsed.error.issues };
      return;
    }
    const channel = liveInputs.get(ctx.params.id ?? '');
    if (!channel?.push(parsed.data)) ctx.throw(404, 'No run takes input under that id (it ended, or its input did)');
    ctx.status = 204;
  });

  router.post('/submissions', async (ctx) => {
    authorize(ctx);
    const parsed = submitRequestSchema.safeParse(await readJsonBody(ctx, ctx.req, MAX_SUBMISSION_BODY_BYTES));
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { error: 'Invalid submission', issues: parsed.error.issues };
      return;
    }
    const job = {
      kind: 'submission',
      language: parsed.data.language,
      requestId: parsed.data.requestId ?? requestIdOf(ctx),
    };
    stream(ctx, (signal) => loggedJob(log, job, judge.submit(parsed.data, signal)));
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
