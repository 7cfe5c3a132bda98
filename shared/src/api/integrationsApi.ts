import type { $ZodType } from 'zod/v4/core';
import {
  API_WAIT_MAX_MS,
  apiJobAcceptedSchema,
  apiRunInputSchema,
  apiRunSchema,
  apiSubmissionInputSchema,
  apiSubmissionSchema,
  apiTokenCreatedSchema,
  apiTokenInputSchema,
  apiTokenSchema,
  apiWaitQuerySchema,
} from '../integrationApi.ts';
import { runEventSchema } from '../runEvents.ts';
import { submitEventSchema } from '../submissions.ts';
import { z } from '../zodMini.ts';
import { type ApiHeaders, type ApiResponse, type ApiRoute, itemsOf, json, ndjson } from './apiRoute.ts';

/** 202 without `wait`, or when `?wait=true` ran out: the job as accepted, or as it is. */
export const apiRunAcceptedSchema = z.union([apiJobAcceptedSchema, apiRunSchema]);
export const apiSubmissionAcceptedSchema = z.union([apiJobAcceptedSchema, apiSubmissionSchema]);

const WAIT_SECONDS = API_WAIT_MAX_MS / 1000;
const LOCATION: ApiHeaders = { Location: 'The job’s path (`/api/v1/…/{id}`), to poll or stream it.' };
const BUSY = {
  429: 'API_MAX_PENDING_JOBS of this caller’s jobs are already queued or running.',
  503: {
    error: 'The server is stopping and takes no new job.',
    headers: { 'Retry-After': 'Seconds to wait before trying again (another server may take it).' },
  },
} satisfies Record<number, ApiResponse>;
const BODY_ERRORS = {
  413: 'The body is larger than 4 MiB.',
  415: 'The body is not declared JSON (`Content-Type: application/json`), or is compressed.',
} satisfies Record<number, ApiResponse>;

/** The answers of a POST that makes a job of `kind`. */
function created(kind: string, job: $ZodType, accepted: $ZodType, events: $ZodType) {
  return {
    201: json(job, `Finished within the wait (\`?wait=true\`): the ${kind} with its result.`, LOCATION),
    202: {
      ...json(
        accepted,
        `Accepted. Without \`wait\`: \`{id, kind, status, links}\`, at once. With \`?wait=true\`: the ${kind} as it is when ${WAIT_SECONDS} s passed before it finished. With \`?wait=stream\` (or \`Accept: application/x-ndjson\`): its events as NDJSON, one a line as they happen, the final one last.`,
        LOCATION,
      ),
      alternative: ndjson(events),
    },
    ...BUSY,
    ...BODY_ERRORS,
  } satisfies Record<number, ApiResponse>;
}

/** The answers of a GET of one job of `kind`. */
function read(kind: string, job: $ZodType, events: $ZodType) {
  return {
    200: {
      ...json(
        job,
        `The ${kind}: at once, after it finished (\`?wait=true\`, at most ${WAIT_SECONDS} s), or its events from the first as NDJSON (\`?wait=stream\` or \`Accept: application/x-ndjson\`), the final one last.`,
      ),
      alternative: ndjson(events),
    },
    404: `No ${kind} with this id made by this caller (another caller’s jobs are not found either), or it expired (API_JOB_TTL_HOURS).`,
  } satisfies Record<number, ApiResponse>;
}

const wait = {
  wait: `When to answer: at once (\`false\`), when the job ends (\`true\`, at most ${WAIT_SECONDS} s), or with its events as they happen (\`stream\`, NDJSON).`,
};
const jobId = { id: 'A job id, as in `Location` or `links.self`.' };

export const INTEGRATION_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/api/admin/api-tokens',
    summary: 'Make an API token for an account (the admin’s own unless `ownerId` is given).',
    description: 'The answer holds the secret (`token`, `cs_…`) this once: it is stored only hashed.',
    tag: 'Integrations',
    access: 'admin',
    body: { json: apiTokenInputSchema },
    responses: {
      201: json(apiTokenCreatedSchema, 'The token, with its secret.'),
      400: 'The owner is not an enabled host, author or admin.',
    },
  },
  {
    method: 'get',
    path: '/api/admin/api-tokens',
    summary: 'Every API token: name, first characters, owner, last use, revocation.',
    tag: 'Integrations',
    access: 'admin',
    responses: { 200: json(itemsOf(apiTokenSchema), 'The tokens, never their secrets.') },
  },
  {
    method: 'delete',
    path: '/api/admin/api-tokens/:id',
    summary: 'Revoke an API token: it is refused (401) from then on.',
    tag: 'Integrations',
    access: 'admin',
    params: { id: 'An API token id.' },
    responses: { 200: json(apiTokenSchema, 'The token, revoked.'), 404: 'API token not found.' },
  },
  {
    method: 'post',
    path: '/api/v1/runs',
    summary: 'Run a program once on `stdin`, with the rooms’ run limits or lower ones.',
    description:
      'Its events are a room’s Run events (`queued`, `started`, `output`, `truncated`, `exit`); the run shows the limits that applied.',
    tag: 'Integrations',
    access: 'integrator',
    query: apiWaitQuerySchema,
    queryHelp: wait,
    body: { json: apiRunInputSchema },
    responses: created('run', apiRunSchema, apiRunAcceptedSchema, runEventSchema),
  },
  {
    method: 'get',
    path: '/api/v1/runs/:id',
    summary: 'A run: its status, output, events and result.',
    tag: 'Integrations',
    access: 'integrator',
    params: jobId,
    query: apiWaitQuerySchema,
    queryHelp: wait,
    responses: read('run', apiRunSchema, runEventSchema),
  },
  {
    method: 'post',
    path: '/api/v1/submissions',
    summary: 'Judge a program against every test of a published problem, as a room’s Submit is.',
    description:
      'A hidden test’s event carries its verdict and measurements, never its input, expected output or the program’s output.',
    tag: 'Integrations',
    access: 'integrator',
    query: apiWaitQuerySchema,
    queryHelp: wait,
    body: { json: apiSubmissionInputSchema },
    responses: {
      ...created('submission', apiSubmissionSchema, apiSubmissionAcceptedSchema, submitEventSchema),
      404: 'No published problem has this slug.',
      422: 'The problem has no tests to judge against.',
    },
  },
  {
    method: 'get',
    path: '/api/v1/submissions/:id',
    summary: 'A submission: its status, every test’s event and the verdict.',
    tag: 'Integrations',
    access: 'integrator',
    params: jobId,
    query: apiWaitQuerySchema,
    queryHelp: wait,
    responses: read('submission', apiSubmissionSchema, submitEventSchema),
  },
];
