import type Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { type HealthOptions, healthRoute } from './healthRoute.ts';

/** Answers one GET /api/health (or `path`) through the middleware alone. */
async function check(route: Koa.Middleware, path = '/api/health'): Promise<{ status: number; body: unknown }> {
  const ctx = { path, status: 404, body: undefined as unknown, set() {} };
  await route(ctx as unknown as Koa.Context, async () => {});
  return { status: ctx.status, body: ctx.body };
}

const up: HealthOptions['ping'] = async () => ({ ok: 1 });

describe('GET /api/health', () => {
  it('says ok while the database answers', async () => {
    expect(await check(healthRoute({ ping: up }))).toEqual({ status: 200, body: { ok: true, database: 'up' } });
  });

  it('reports a stalled database down after the ping timeout', async () => {
    const started = Date.now();
    const stalled = healthRoute({ ping: () => new Promise(() => {}), pingTimeoutMs: 50 });
    expect(await check(stalled)).toEqual({
      status: 503,
      body: { ok: false, database: 'down', problems: ['database: no answer within 50 ms'] },
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reports a database that refuses the ping down', async () => {
    const refusing = healthRoute({ ping: () => Promise.reject(new Error('connection refused')) });
    expect(await check(refusing)).toMatchObject({
      status: 503,
      body: { database: 'down', problems: ['database: connection refused'] },
    });
  });

  it('pings at most once per cache period, however often it is asked', async () => {
    let pings = 0;
    const route = healthRoute({
      ping: async () => {
        pings += 1;
      },
      cacheMs: 100,
    });
    await Promise.all([check(route), check(route), check(route)]);
    await check(route);
    expect(pings).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await check(route);
    expect(pings).toBe(2);
  });

  it('lists rooms waiting to be stored, and is unhealthy once one waits past the limit', async () => {
    let oldestAgeMs = 500;
    const route = healthRoute({
      ping: up,
      waitingRooms: () => [{ roomId: 'r1', unstoredUpdates: 3, oldestAgeMs }],
      maxWaitingMs: 1_000,
    });
    expect(await check(route)).toEqual({
      status: 200,
      body: { ok: true, database: 'up', waitingRooms: [{ roomId: 'r1', unstoredUpdates: 3, oldestAgeMs: 500 }] },
    });
    oldestAgeMs = 1_500;
    expect(await check(route)).toMatchObject({ status: 503, body: { ok: false, database: 'up' } });
  });

  it('reports the judge and Redis when given, each up or down with its problems', async () => {
    let judgeProblems: string[] = [];
    let redisUp = true;
    const route = healthRoute({
      ping: up,
      judge: async () => judgeProblems,
      redis: async () => {
        if (!redisUp) throw new Error('Connection is closed.');
        return 'PONG';
      },
      cacheMs: 0,
    });
    expect(await check(route)).toEqual({
      status: 200,
      body: { ok: true, database: 'up', judge: 'up', redis: 'up' },
    });
    judgeProblems = ['Docker is not reachable at /var/run/docker.sock'];
    redisUp = false;
    expect(await check(route)).toEqual({
      status: 503,
      body: {
        ok: false,
        database: 'up',
        judge: 'down',
        redis: 'down',
        problems: ['judge: Docker is not reachable at /var/run/docker.sock', 'redis: Connection is closed.'],
      },
    });
  });

  it('leaves other paths to the next middleware', async () => {
    let passed = false;
    const ctx = { path: '/api/rooms' };
    await healthRoute({ ping: up })(ctx as unknown as Koa.Context, async () => {
      passed = true;
    });
    expect(passed).toBe(true);
  });
});

describe('GET /api/ready', () => {
  it('is ready while the database answers and the server is not shutting down', async () => {
    let draining = false;
    let databaseUp = true;
    const route = healthRoute({
      ping: async () => {
        if (!databaseUp) throw new Error('connection refused');
      },
      // A judge that is down does not stop the server taking people in.
      judge: async () => ['Docker is not reachable'],
      draining: () => draining,
      cacheMs: 0,
    });
    expect(await check(route, '/api/ready')).toEqual({ status: 200, body: { ready: true } });
    databaseUp = false;
    expect(await check(route, '/api/ready')).toEqual({
      status: 503,
      body: { ready: false, reason: 'database: connection refused' },
    });
    databaseUp = true;
    draining = true;
    expect(await check(route, '/api/ready')).toEqual({ status: 503, body: { ready: false, reason: 'shutting down' } });
  });
});
