import type { ApiJobAccepted, ApiRun } from '@codestream/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createToken } from './apiClients.ts';
import { type Session, signedIn } from './harness.ts';
import type { ErrorBody } from './problemFixtures.ts';
import { useRoomServer } from './roomServerFixture.ts';

// What bounds an integrator: requests per minute per token (429 with Retry-After) and
// jobs in progress per token (429).

const PER_MINUTE = 8;
const PENDING = 2;
const app = useRoomServer({ integrationApi: { rateLimitPerMinute: PER_MINUTE, maxPendingJobs: PENDING } });
const SLEEPER = { language: 'python', code: 'import time\ntime.sleep(1.5)\nprint("done")' };

let admin: Session;

beforeAll(async () => {
  admin = await signedIn(app.server, app.database, 'admin');
});

describe('rate limit', () => {
  it(`refuses a token's request past ${PER_MINUTE} a minute with 429 and Retry-After, other callers unaffected`, async () => {
    const api = apiClient(app.server, (await createToken(admin, 'busy')).token);
    const unknown = '/api/v1/runs/00000000-0000-0000-0000-000000000000';
    for (let i = 0; i < PER_MINUTE; i++) {
      const res = await api.fetch(unknown);
      expect(res.status).toBe(404);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(PER_MINUTE - 1 - i));
    }
    const refused = await api.post('/api/v1/runs', SLEEPER);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused.json()) as ErrorBody).error.message).toMatch(/requests in a minute/);

    const other = apiClient(app.server, (await createToken(admin, 'calm')).token);
    expect((await other.fetch(unknown)).status).toBe(404);
    expect((await admin.fetch(unknown)).status).toBe(404);
  });
});

describe('jobs in progress', () => {
  it(`refuses a token's job past ${PENDING} queued or running with 429, and takes one once one ends`, async () => {
    const api = apiClient(app.server, (await createToken(admin, 'eager')).token);
    // Sent together: the limit holds however the requests interleave.
    const answers = await Promise.all(Array.from({ length: PENDING + 2 }, () => api.post('/api/v1/runs', SLEEPER)));
    expect(answers.map((res) => res.status).sort()).toEqual([202, 202, 429, 429]);
    const first = (await answers.find((res) => res.status === 202)?.json()) as ApiJobAccepted;
    const refused = answers.find((res) => res.status === 429) as Response;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as ErrorBody).error.message).toMatch(/2 jobs queued or running/);

    const done = (await (await api.fetch(`${first.links.self}?wait=true`)).json()) as ApiRun;
    expect(done.status).toBe('finished');
    expect((await api.post('/api/v1/runs', SLEEPER)).status).toBe(202);
  });
});
