import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createJudgeService, DockerJudge, type JudgeService, RemoteJudge } from '@codestream/judge';
import { DocKeys, type Judge } from '@codestream/shared';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, scrape } from '../../test/support/metricsText.ts';
import { freePort } from '../../test/support/ports.ts';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import { type Database, openDatabase } from '../src/database.ts';
import { EmbeddedMongo } from '../src/db/EmbeddedMongo.ts';
import { ServerMetrics } from '../src/metrics/ServerMetrics.ts';
import { connectClient, roomWithPeople, startTestServer, testLogger, waitFor } from './harness.ts';

// /api/health and /api/ready against real parts, each taken down for real: a Docker engine
// that is not there, a judge service that is not listening, Redis stopped, the database
// killed. This suite kills its database: it starts its own.

const TOKEN = 'metrics-token-for-tests';
const JUDGE_TOKEN = 'judge-token-for-health-tests';
let dataDir: string;
let mongo: EmbeddedMongo;
let database: Database;
let redis: TestRedis;
let metrics: ServerMetrics;
let judge: DockerJudge;
let server: RoomServer;
const closers: (() => Promise<unknown>)[] = [];

interface Health {
  ok: boolean;
  database: string;
  judge?: string;
  redis?: string;
  problems?: string[];
}

async function health(of: RoomServer): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${of.url}/api/health`);
  return { status: response.status, body: (await response.json()) as Health };
}

async function ready(of: RoomServer): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${of.url}/api/ready`);
  return { status: response.status, body: await response.json() };
}

/** Another server on the same database with `judge`, closed after the suite. */
async function serverWith(judgeOfServer: Judge, drainMs?: number): Promise<RoomServer> {
  const other = await startTestServer({ database, judge: judgeOfServer, ops: { drainMs } });
  closers.push(() => other.close());
  return other;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'codestream-health-'));
  // Restarted after 12 s: longer than the driver waits for a server (10 s), so writes fail meanwhile.
  mongo = await EmbeddedMongo.start({
    binary: '.cache/bin/ferretdb',
    dataDir,
    log: testLogger,
    restartDelayMs: 12_000,
    maxRestartDelayMs: 12_000,
  });
  database = await openDatabase({ uri: mongo.uri, dbName: 'health' });
  redis = await startRedis();
  metrics = new ServerMetrics();
  judge = new DockerJudge({ sweepIntervalMs: 0, metrics: metrics.registry });
  // A member of a cluster on that Redis (alone in it): its own Redis connections are reported.
  server = await startTestServer({
    database,
    judge,
    cluster: { redisUrl: redis.url, serverId: 'health-a', leaseMs: 3_000, heartbeatMs: 1_000 },
    ops: { metrics, metricsAccess: { token: TOKEN } },
  });
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await server.close();
  await judge.close();
  await redis.stop();
  await database.close();
  await mongo.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('/api/health and /api/ready', () => {
  it('report every part up, and the Redis connections ready in /metrics', async () => {
    expect(await health(server)).toEqual({
      status: 200,
      body: { ok: true, database: 'up', judge: 'up', redis: 'up', waitingRooms: [] },
    });
    expect(await ready(server)).toEqual({ status: 200, body: { ready: true } });
    const { text } = await scrape(server.url, TOKEN);
    for (const client of ['command', 'subscriber', 'reader']) {
      expect(sample(text, 'codestream_redis_connected', { client })).toBe(1);
    }
  });

  it('report an in-process judge whose Docker engine cannot be reached down, and stay ready', async () => {
    const unreachable = new DockerJudge({
      docker: new Docker({ socketPath: path.join(dataDir, 'no-docker.sock') }),
      sweepIntervalMs: 0,
    });
    closers.push(() => unreachable.close());
    const other = await serverWith(unreachable);
    const { status, body } = await health(other);
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, database: 'up', judge: 'down' });
    expect(body.problems).toEqual([expect.stringMatching(/^judge: .*Docker cannot be reached \(ENOENT\)/)]);
    // People can still come in and edit: a load balancer keeps sending them.
    expect((await ready(other)).status).toBe(200);
  });

  it('report a judge service up while it answers, down when nothing listens there', async () => {
    const service: JudgeService = await createJudgeService({ judge, token: JUDGE_TOKEN, port: 0 });
    closers.push(() => service.close());
    const remote = new RemoteJudge({ url: service.url, token: JUDGE_TOKEN });
    expect((await health(await serverWith(remote))).body).toMatchObject({ ok: true, judge: 'up' });

    const nowhere = new RemoteJudge({ url: `http://127.0.0.1:${await freePort()}`, token: JUDGE_TOKEN });
    const { status, body } = await health(await serverWith(nowhere));
    expect(status).toBe(503);
    expect(body.problems).toEqual(['judge: The judge service could not be reached: ECONNREFUSED']);
  });

  it('turn /api/ready to 503 as soon as the server starts closing, while it drains', async () => {
    const draining = await serverWith(judge, 1_500);
    const closed = draining.close();
    expect(await ready(draining)).toEqual({ status: 503, body: { ready: false, reason: 'shutting down' } });
    // Health still tells the truth about the parts meanwhile.
    expect((await health(draining)).body).toMatchObject({ database: 'up' });
    await closed;
    await expect(fetch(`${draining.url}/api/ready`)).rejects.toThrow();
  });

  it('report the database down when it dies, count the failed update-log writes, and recover', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann']);
    const ann = connectClient(server, roomId, sessions[0] as (typeof sessions)[0]);
    await ann.synced;
    const text = ann.doc.getText(DocKeys.code);
    // The server stores the room once it holds its lease (taken just after the load, reading
    // the database): only a holder writes the update log, so only then can a write fail.
    await waitFor(() => server.cluster?.isStorageHolder(roomId) ?? false, 5_000, 'the server to store the room');
    process.kill(mongo.pid as number, 'SIGKILL');
    await waitFor(async () => (await health(server)).status === 503, 5_000, 'health to report the database down');
    const down = await health(server);
    expect(down.body).toMatchObject({ ok: false, database: 'down', judge: 'up', redis: 'up' });
    expect(down.body.problems?.[0]).toMatch(/^database: /);
    expect(await ready(server)).toMatchObject({ status: 503, body: { ready: false } });

    text.insert(0, 'typed while the database was away\n');
    await waitFor(
      async () =>
        (sample((await scrape(server.url, TOKEN)).text, 'codestream_update_log_write_failures_total') ?? 0) > 0,
      20_000,
      'a failed update-log write to be counted',
    );
    await waitFor(async () => (await ready(server)).status === 200, 30_000, 'the database to come back');
    await waitFor(async () => (await health(server)).status === 200, 10_000, 'health to be ok again');
    ann.close();
  });

  it('report Redis down once it stops, in health and in /metrics, and up once it is back', async () => {
    await redis.stop();
    await waitFor(async () => (await health(server)).body.redis === 'down', 5_000, 'health to report Redis down');
    const { status, body } = await health(server);
    expect(status).toBe(503);
    expect(body.problems).toEqual([expect.stringMatching(/^redis: /)]);
    const { text } = await scrape(server.url, TOKEN);
    for (const client of ['command', 'subscriber', 'reader']) {
      expect(sample(text, 'codestream_redis_connected', { client })).toBe(0);
    }
    // Redis is not needed to take people in.
    expect((await ready(server)).status).toBe(200);

    // Started again where it was: the connections find it by themselves.
    redis = await startRedis(redis.port);
    await waitFor(async () => (await health(server)).status === 200, 15_000, 'health to report Redis up again');
    const back = (await scrape(server.url, TOKEN)).text;
    for (const client of ['command', 'subscriber', 'reader']) {
      expect(sample(back, 'codestream_redis_connected', { client })).toBe(1);
    }
  });
});
