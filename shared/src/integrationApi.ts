import { LANGUAGE_IDS } from './languages.ts';
import { problemSlugSchema, utf8Bytes } from './problems.ts';
import { exitEventSchema, MAX_CODE_BYTES, MAX_STDIN_BYTES, runEventSchema, runLimitsSchema } from './runEvents.ts';
import { finishedEventSchema, submitEventSchema } from './submissions.ts';
import { z } from './zodMini.ts';

/**
 * The HTTP API for integrators (`/api/v1`): run a program, or judge it against a
 * published problem, without a room. Jobs go through the same judge, queue, limits and
 * verdicts as rooms; their state is kept for a while (API_JOB_TTL_HOURS) to be polled
 * or streamed as NDJSON. Tokens are managed by admins under `/api/admin/api-tokens`.
 */
export const INTEGRATION_API_PREFIX = '/api/v1';

/** Where a token's secret starts: tells it apart in a config file or a leak scanner. */
export const API_TOKEN_PREFIX = 'cs_';

/** Longest a `?wait=true` request is held before it is answered with the job as it is. */
export const API_WAIT_MAX_MS = 30_000;

/** A string of at most `max` UTF-8 bytes (the judge's own limits are in bytes). */
function bytesAtMost(max: number) {
  return z.string().check(z.refine((s) => utf8Bytes(s) <= max, `at most ${max / 1024} KiB`));
}

/** POST /api/admin/api-tokens. */
export const apiTokenInputSchema = z.strictObject({
  /** What the token is for, shown in the list ("grading bot"). */
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  /** The account the token acts for; absent: the admin making it. */
  ownerId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
export type ApiTokenInput = z.infer<typeof apiTokenInputSchema>;

/** A token as admins list it: never its secret, which is shown once, at creation. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the secret, to recognise it. */
  hint: z.string(),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** The answer to POST /api/admin/api-tokens: the secret, this once. */
export const apiTokenCreatedSchema = z.extend(apiTokenSchema, { token: z.string() });
export type ApiTokenCreated = z.infer<typeof apiTokenCreatedSchema>;

/** POST /api/v1/runs: the program run once on `stdin`. */
export const apiRunInputSchema = z.strictObject({
  language: z.enum(LANGUAGE_IDS),
  code: bytesAtMost(MAX_CODE_BYTES),
  stdin: z._default(bytesAtMost(MAX_STDIN_BYTES), ''),
  /** Lower limits than the server's; higher ones are cut to the server's (the run shows which applied). */
  limits: z.optional(z.partial(runLimitsSchema)),
});
export type ApiRunInput = z.infer<typeof apiRunInputSchema>;

/** POST /api/v1/submissions: the program judged against every test of a published problem. */
export const apiSubmissionInputSchema = z.strictObject({
  problem: problemSlugSchema,
  language: z.enum(LANGUAGE_IDS),
  code: bytesAtMost(MAX_CODE_BYTES),
});
export type ApiSubmissionInput = z.infer<typeof apiSubmissionInputSchema>;

/**
 * `queued`: accepted, waiting for the judge; `running`: the judge started it;
 * `finished`: `result` holds the judge's last event; `interrupted`: the server stopped
 * (or died) before the job finished, its result is lost (`result` says so): send it again.
 */
export const API_JOB_STATUSES = ['queued', 'running', 'finished', 'interrupted'] as const;
export const apiJobStatusSchema = z.enum(API_JOB_STATUSES);
export type ApiJobStatus = z.infer<typeof apiJobStatusSchema>;

export const apiJobKindSchema = z.enum(['run', 'submission']);
export type ApiJobKind = z.infer<typeof apiJobKindSchema>;

/**
 * `?wait=` on POST and GET: absent or `false` answers at once; `true` holds the answer
 * until the job ends (at most API_WAIT_MAX_MS); `stream` answers with the job's events
 * as NDJSON (one event per line, the final one last), as does `Accept: application/x-ndjson`.
 */
export const apiWaitQuerySchema = z.object({
  wait: z._default(z.enum(['false', 'true', 'stream']), 'false'),
});
export type ApiWait = z.infer<typeof apiWaitQuerySchema>['wait'];

export const apiJobLinksSchema = z.object({
  self: z.string(),
  /** The job's events as NDJSON, from the first. */
  stream: z.string(),
});

/** The answer to POST /api/v1/runs and /api/v1/submissions (202 Accepted). */
export const apiJobAcceptedSchema = z.object({
  id: z.string(),
  kind: apiJobKindSchema,
  status: apiJobStatusSchema,
  links: apiJobLinksSchema,
});
export type ApiJobAccepted = z.infer<typeof apiJobAcceptedSchema>;

const jobFields = {
  ...apiJobAcceptedSchema.shape,
  language: z.enum(LANGUAGE_IDS),
  createdAt: z.string(),
  finishedAt: z.nullable(z.string()),
  /** After this the job is deleted (API_JOB_TTL_HOURS). */
  expiresAt: z.string(),
};

/**
 * GET /api/v1/runs/:id: `events` in order (consecutive output of one stream merged), the
 * final `exit` last once there is one, and again as `result`.
 */
export const apiRunSchema = z.object({
  ...jobFields,
  kind: z.literal('run'),
  /** The limits that applied: the request's, cut to the server's. */
  limits: runLimitsSchema,
  stdout: z.string(),
  stderr: z.string(),
  events: z.array(runEventSchema),
  result: z.nullable(exitEventSchema),
});
export type ApiRun = z.infer<typeof apiRunSchema>;

/**
 * GET /api/v1/submissions/:id: the events a room shows, in order, `finished` last once
 * there is one, and again as `result`. A hidden test's event carries its verdict and
 * measurements, never its input, expected output or the program's output.
 */
export const apiSubmissionSchema = z.object({
  ...jobFields,
  kind: z.literal('submission'),
  problem: problemSlugSchema,
  /** Tests the submission is judged against. */
  total: z.number(),
  events: z.array(submitEventSchema),
  result: z.nullable(finishedEventSchema),
});
export type ApiSubmission = z.infer<typeof apiSubmissionSchema>;
