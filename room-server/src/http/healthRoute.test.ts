import type Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { type HealthOptions, healthRoute } from './healthRoute.ts';

/** Answers one GET /api/health through the middleware alone. */
async function check(route: Koa.Middleware): Promise<{ status: number; body: unknown }> {
  const ctx = { path: '/api/health', status: 404, body: undefined as unknown, set() {} };
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
    expect(await check(stalled)).toEqual({ status: 503, body: { ok: false, database: 'down' } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reports a database that refuses the ping down', async () => {
    const refusing = healthRoute({ ping: () => Promise.reject(new Error('connection refused')) });
    expect(await check(refusing)).toMatchObject({ status: 503, body: { database: 'down' } });
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

  it('leaves other paths to the next middleware', async () => {
    let passed = false;
    const ctx = { path: '/api/rooms' };
    await healthRoute({ ping: up })(ctx as unknown as Koa.Context, async () => {
      passed = true;
    });
    expect(passed).toBe(true);
  });
});
