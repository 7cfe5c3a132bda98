import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import { RedisApiJobSlots } from '../src/integrations/RedisApiJobSlots.ts';
import { LIMIT_CHECK_TIMEOUT_MS, LIMIT_KEY_PREFIX, LimitUnavailableError } from '../src/limits/LimitStore.ts';
import { apiClient, createToken } from './apiClients.ts';
import { useTwoServers } from './clusterFixture.ts';
import { createUser, Session, signedIn, testLogger, waitFor } from './harness.ts';
import type { ErrorBody } from './problemFixtures.ts';

// With Redis away, room-servers cannot count the limits they share: the API and sign-in
// refuse with a 503 that says so (never let a request through uncounted), and count
// again once Redis is back. A Redis that takes connections but answers nothing (paused
// here with CLIENT PAUSE) is given up on after LIMIT_CHECK_TIMEOUT_MS.

let restarted: TestRedis | undefined;
// Registered before the cluster's hooks, so it runs after them: the servers close first.
afterAll(async () => {
  await restarted?.stop();
});
const cluster = useTwoServers();
const UNKNOWN = '/api/v1/runs/00000000-0000-0000-0000-000000000000';

let admin: Session;

beforeAll(async () => {
  admin = await signedIn(cluster.a, cluster.database, 'admin');
});

describe('limits while Redis does not answer', () => {
  it('refuses after the check timeout, and gives back a job slot whose taking was not answered', async () => {
    const { a } = cluster;
    const api = apiClient(a, (await createToken(admin, 'stalled')).token);
    const pausing = new Redis(cluster.redis.url, { lazyConnect: true });
    const slotsRedis = new Redis(cluster.redis.url, { lazyConnect: true });
    await Promise.all([pausing.connect(), slotsRedis.connect()]);
    try {
      const slots = new RedisApiJobSlots({ redis: slotsRedis, lapseMs: 60_000, log: testLogger });
      const holder = { callerKey: 't:stalled', jobId: 'j1' };
      await pausing.client('PAUSE', String(3 * LIMIT_CHECK_TIMEOUT_MS), 'ALL');
      const startedAt = Date.now();
      const [refused, taken] = await Promise.all([api.fetch(UNKNOWN), slots.take(holder, 2).catch((err) => err)]);
      expect(refused.status).toBe(503);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(LIMIT_CHECK_TIMEOUT_MS - 50);
      expect(((await refused.json()) as ErrorBody).error.message).toMatch(/cannot count your requests/);
      expect(taken).toBeInstanceOf(LimitUnavailableError);
      // Answered once the pause ends, after the take and its undoing sent on the same connection.
      expect(await slotsRedis.zcard(`${LIMIT_KEY_PREFIX}api-jobs:${holder.callerKey}`)).toBe(0);
      expect((await api.fetch(UNKNOWN)).status).toBe(404);
    } finally {
      await Promise.all([pausing.quit(), slotsRedis.quit()]);
    }
  });
});

describe('limits while Redis is away', () => {
  it('the API and sign-in answer 503 with Retry-After and a reason, and count again when Redis is back', async () => {
    const { a, b } = cluster;
    const { token } = await createToken(admin, 'patient');
    const api = apiClient(a, token);
    const user = await createUser(cluster.database, { role: 'member' });
    const login = (password: string) =>
      new Session(b).fetch('/api/auth/login', { method: 'POST', json: { email: user.email, password } });
    expect((await api.fetch(UNKNOWN)).status).toBe(404);

    const { port } = cluster.redis;
    await cluster.redis.stop();
    await waitFor(async () => (await api.fetch(UNKNOWN)).status === 503, 10_000, 'the API to refuse');
    const refused = await api.post('/api/v1/runs', { language: 'python', code: 'print(1)' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as ErrorBody).error.message).toMatch(/cannot count your requests/);

    await waitFor(async () => (await login('wrong password')).status === 503, 10_000, 'sign-in to refuse');
    const signIn = await login(user.password);
    expect(signIn.status).toBe(503);
    expect(signIn.headers.get('retry-after')).toBe('5');
    expect(((await signIn.json()) as ErrorBody).error.message).toMatch(/cannot check its limits on failed sign-ins/);
    // The admins' list of people still answers, saying it cannot tell who is locked.
    const listed = await admin.fetch(`/api/users?q=${encodeURIComponent(user.email)}`);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ locksKnown: false, items: [{ email: user.email, lockedUntil: null }] });

    restarted = await startRedis(port);
    await waitFor(async () => (await api.fetch(UNKNOWN)).status === 404, 15_000, 'the API to count again');
    // B reconnects to Redis on its own schedule (ioredis backs off up to 2 s), after A.
    await waitFor(async () => (await login(user.password)).status !== 503, 15_000, 'sign-in on B to count again');
    expect((await login(user.password)).status).toBe(200);
  });
});
