import type { ApiJobAccepted, ApiRun } from '@codestream/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisApiJobSlots } from '../src/integrations/RedisApiJobSlots.ts';
import { apiClient, createToken } from './apiClients.ts';
import { useTwoServers } from './clusterFixture.ts';
import { createUser, Session, signedIn, testLogger } from './harness.ts';
import type { ErrorBody } from './problemFixtures.ts';

// Two room-servers on one Redis count one set of limits: a caller who spreads its
// requests, jobs or password guesses over both gets what it would get from one server.

const PER_MINUTE = 10;
const PENDING = 2;
const FAILURES = 3;
const cluster = useTwoServers({
  integrationApi: { rateLimitPerMinute: PER_MINUTE, maxPendingJobs: PENDING },
  loginLimits: { perAccount: FAILURES, perAddress: 100, windowSeconds: 60 },
});
const SLEEPER = { language: 'python', code: 'import time\ntime.sleep(1.5)\nprint("done")' };
const UNKNOWN = '/api/v1/runs/00000000-0000-0000-0000-000000000000';

let admin: Session;

beforeAll(async () => {
  admin = await signedIn(cluster.a, cluster.database, 'admin');
});

describe('API rate limit across servers', () => {
  it(`refuses a token's request past ${PER_MINUTE} a minute on either server, counting both`, async () => {
    const { a, b } = cluster;
    const { token } = await createToken(admin, 'spread');
    const onA = apiClient(a, token);
    const onB = apiClient(b, token);
    for (let i = 0; i < PER_MINUTE; i++) {
      const res = await (i % 2 === 0 ? onA : onB).fetch(UNKNOWN);
      expect(res.status).toBe(404);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(PER_MINUTE - 1 - i));
    }
    for (const api of [onA, onB]) {
      const refused = await api.fetch(UNKNOWN);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(((await refused.json()) as ErrorBody).error.message).toMatch(/requests in a minute/);
    }
    // Another token has its own count.
    expect((await apiClient(b, (await createToken(admin, 'other')).token).fetch(UNKNOWN)).status).toBe(404);
  });
});

describe('API jobs in progress across servers', () => {
  it(`refuses a token's job past ${PENDING} queued or running on both servers together`, async () => {
    const { a, b } = cluster;
    const { token } = await createToken(admin, 'eager');
    const onA = apiClient(a, token);
    const onB = apiClient(b, token);
    // Sent together, half to each server: the limit holds however they interleave.
    const answers = await Promise.all([onA, onB, onA, onB].map((api) => api.post('/api/v1/runs', SLEEPER)));
    expect(answers.map((res) => res.status).sort()).toEqual([202, 202, 429, 429]);
    const refused = answers.find((res) => res.status === 429) as Response;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as ErrorBody).error.message).toMatch(/2 jobs queued or running/);

    const first = (await answers.find((res) => res.status === 202)?.json()) as ApiJobAccepted;
    const done = (await (await onA.fetch(`${first.links.self}?wait=true`)).json()) as ApiRun;
    expect(done.status).toBe('finished');
    // Its slot is free on the other server too.
    expect((await onB.post('/api/v1/runs', SLEEPER)).status).toBe(202);
  });
});

describe('sign-in limit across servers', () => {
  it(`locks an account after ${FAILURES} failures spread over both servers, on both`, async () => {
    const { a, b } = cluster;
    const user = await createUser(cluster.database, { role: 'member' });
    const login = (server: typeof a, password: string) =>
      new Session(server).fetch('/api/auth/login', { method: 'POST', json: { email: user.email, password } });
    for (let i = 0; i < FAILURES; i++) expect((await login(i % 2 === 0 ? a : b, 'wrong password')).status).toBe(401);
    for (const server of [a, b]) {
      const locked = await login(server, user.password);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});

describe('API job slots in Redis', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(cluster.redis.url, { lazyConnect: true });
    await redis.connect();
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('lapse when their server stops renewing them (it died), and last while it renews them', async () => {
    const dead = new RedisApiJobSlots({ redis, lapseMs: 1_000, log: testLogger });
    const alive = new RedisApiJobSlots({ redis, lapseMs: 1_000, log: testLogger });
    const caller = `t:lapse-${Date.now()}`;
    expect(await dead.take({ callerKey: caller, jobId: 'j1' }, 2)).toBeNull();
    expect(await alive.take({ callerKey: caller, jobId: 'j2' }, 2)).toBeNull();
    expect(await alive.take({ callerKey: caller, jobId: 'j3' }, 2)).toBe(2);
    const renewing = setInterval(() => alive.renew([{ callerKey: caller, jobId: 'j2' }]), 200);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      // j1 lapsed, j2 did not: one slot is free, not two.
      expect(await alive.take({ callerKey: caller, jobId: 'j3' }, 2)).toBeNull();
      expect(await alive.take({ callerKey: caller, jobId: 'j4' }, 2)).toBe(2);
    } finally {
      clearInterval(renewing);
    }
    alive.release({ callerKey: caller, jobId: 'j2' });
    expect(await alive.take({ callerKey: caller, jobId: 'j4' }, 2)).toBeNull();
  });
});
