import {
  API_WAIT_MAX_MS,
  type ApiJobKind,
  type ApiWait,
  apiRunInputSchema,
  apiSubmissionInputSchema,
  apiWaitQuerySchema,
  INTEGRATION_API_PREFIX,
  type RunLimits,
} from '@codestream/shared';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { Context, Middleware } from 'koa';
import type { AccountRepositories } from '../accounts/accountRepositories.ts';
import { parseOr400 } from '../http/validation.ts';
import { type LimitStore, LimitUnavailableError } from '../limits/LimitStore.ts';
import type { Logger } from '../log/logger.ts';
import type { ProblemRepositories } from '../problems/problemRepositories.ts';
import { readJsonBody } from '../problems/readBody.ts';
import { submissionPlanner } from '../submissions/submissionPlan.ts';
import type { ApiJobRecord } from './ApiJobRepository.ts';
import { ApiJobRefusedError, type ApiJobs } from './ApiJobs.ts';
import type { ApiTokenRepository } from './ApiTokenRepository.ts';
import { apiCaller, callerOf } from './apiCaller.ts';
import { acceptedView, finalEvent, jobView } from './apiJobViews.ts';
import { apiLimitUnavailable, apiRateLimit } from './apiRateLimit.ts';
import { streamJob } from './streamJob.ts';

/** A run's 256 KiB of code and 1 MiB of stdin, JSON-escaped (control characters take 6 bytes). */
const API_BODY_LIMIT = 4 * 1024 * 1024;

/** Mounted before the app-wide JSON parser (16 kB): the API reads its bodies itself, after authorisation. */
export const deferApiBodies: Middleware = async (ctx, next) => {
  if (ctx.path.startsWith(`${INTEGRATION_API_PREFIX}/`)) ctx.disableBodyParser = true;
  await next();
};

export interface IntegrationRoutesOptions {
  jobs: ApiJobs;
  database: ProblemRepositories & Pick<AccountRepositories, 'users'> & { apiTokens: ApiTokenRepository };
  /** The rooms' run limits (RunLimits config): defaults and maxima of a run. */
  runLimits: RunLimits;
  /** API_RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute: number;
  /** Where the rate limit is counted (with Redis: across every room-server). */
  limits: LimitStore;
  log: Logger;
}

/** The asked limits, each cut to the server's; the server's where none is asked. */
export function clampLimits(asked: Partial<RunLimits> | undefined, max: RunLimits): RunLimits {
  return {
    timeMs: Math.min(asked?.timeMs ?? max.timeMs, max.timeMs),
    memoryMb: Math.min(asked?.memoryMb ?? max.memoryMb, max.memoryMb),
    outputBytes: Math.min(asked?.outputBytes ?? max.outputBytes, max.outputBytes),
  };
}

function waitOf(ctx: Context): ApiWait {
  const { wait } = parseOr400(apiWaitQuerySchema, ctx.query, 'Invalid query');
  return wait === 'false' && ctx.accepts('application/json', 'application/x-ndjson') === 'application/x-ndjson'
    ? 'stream'
    : wait;
}

/**
 * The integration API (`/api/v1`): runs and judged submissions without a room, for a
 * token or a signed-in host, author or admin, each caller reading only its own jobs.
 * Answers at once (202, poll the job), after the job (`?wait=true`), or as it happens
 * (`?wait=stream`, NDJSON).
 */
export function integrationRoutes(options: IntegrationRoutesOptions): Router {
  const { jobs, database, runLimits, log } = options;
  const plan = submissionPlanner(database);
  const router = new Router({ prefix: INTEGRATION_API_PREFIX });
  router.use(
    apiCaller({ tokens: database.apiTokens, users: database.users }),
    apiRateLimit(options.rateLimitPerMinute, options.limits),
  );

  /** Answers with the job as `wait` asks; `created`: the request made it. */
  async function answer(ctx: Context, record: ApiJobRecord, wait: ApiWait, created: boolean): Promise<void> {
    if (created) ctx.set('Location', acceptedView(record).links.self);
    if (wait === 'stream') {
      ctx.status = created ? 202 : 200;
      streamJob(ctx, record, jobs, log);
      return;
    }
    if (wait === 'false' && created) {
      ctx.status = 202;
      ctx.body = acceptedView(record);
      return;
    }
    let latest = record;
    if (wait === 'true') {
      const gone = new AbortController();
      ctx.res.once('close', () => gone.abort());
      await jobs.follow(record, () => {}, AbortSignal.any([gone.signal, AbortSignal.timeout(API_WAIT_MAX_MS)]));
      latest = (await jobs.find(record._id, record.caller)) ?? record;
    }
    ctx.status = created ? (finalEvent(latest) ? 201 : 202) : 200;
    ctx.body = jobView(latest);
  }

  async function start(ctx: Context, spec: Parameters<ApiJobs['start']>[1]): Promise<ApiJobRecord> {
    try {
      return await jobs.start(callerOf(ctx), spec);
    } catch (err) {
      if (err instanceof ApiJobRefusedError) {
        ctx.set('Retry-After', err.reason === 'stopping' ? '5' : '1');
        throw createHttpError(err.reason === 'stopping' ? 503 : 429, err.message, { expose: true });
      }
      if (err instanceof LimitUnavailableError) throw apiLimitUnavailable(ctx, 'your jobs in progress', err);
      throw err;
    }
  }

  router.post('/runs', async (ctx) => {
    const wait = waitOf(ctx);
    const input = parseOr400(apiRunInputSchema, await readJsonBody(ctx, API_BODY_LIMIT));
    const limits = clampLimits(input.limits, runLimits);
    const record = await start(ctx, {
      kind: 'run',
      language: input.language,
      code: input.code,
      stdin: input.stdin,
      limits,
    });
    await answer(ctx, record, wait, true);
  });

  router.post('/submissions', async (ctx) => {
    const wait = waitOf(ctx);
    const input = parseOr400(apiSubmissionInputSchema, await readJsonBody(ctx, API_BODY_LIMIT));
    const problem = await database.problems.findBySlug(input.problem);
    if (problem?.visibility !== 'published') throw createHttpError(404, `No published problem "${input.problem}"`);
    const planned = await plan(input.problem);
    if (typeof planned === 'string') throw createHttpError(422, planned);
    const record = await start(ctx, {
      kind: 'submission',
      language: input.language,
      code: input.code,
      problemSlug: input.problem,
      plan: planned,
    });
    await answer(ctx, record, wait, true);
  });

  const read = (kind: ApiJobKind, path: string) =>
    router.get(path, async (ctx) => {
      const wait = waitOf(ctx);
      const record = await jobs.find(ctx.params.id ?? '', callerOf(ctx).key);
      // Another caller's job is not found either: ids are not secrets, ownership is.
      if (!record || record.kind !== kind) throw createHttpError(404, `No ${kind} with this id`);
      await answer(ctx, record, wait, false);
    });
  read('run', '/runs/:id');
  read('submission', '/submissions/:id');

  return router;
}
