import { randomBytes } from 'node:crypto';
import { DocKeys, type RunEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { JOB_SERVER_LOST } from '../src/rooms/RoomJobs.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  startTestServer,
  TEST_SESSION_KEY,
  waitFor,
} from './harness.ts';
import { type TestClient as Client, received } from './roomServerFixture.ts';
import { kill, ServerProcesses } from './serverProcesses.ts';

// The room-server running a room's job dies (SIGKILL, in its own process): once the job's
// slot lapses in Redis, the server still showing the job ends it for its clients, records
// that end, and the room can run again at once.

const judgeId = `job-loss-${randomBytes(4).toString('hex')}`;
const judge = createTestJudge();
const processes = new ServerProcesses();
const dbName = `t_${randomBytes(6).toString('hex')}`;
let redis: TestRedis;
let database: Database;
let a: RoomServer;

beforeAll(async () => {
  redis = await startRedis();
  database = await openTestDatabase(dbName);
  a = await startTestServer({
    database,
    judge,
    timeLimitMs: 20_000,
    cluster: { redisUrl: redis.url, serverId: 'a', leaseMs: 1_500, heartbeatMs: 1_500 },
  });
});
afterAll(async () => {
  await processes.killAll();
  // What the killed server's judge left (its run's container).
  const left = createTestJudge(judgeId);
  await left.removeOwnContainers();
  await left.close();
  await a.close();
  await judge.close();
  await database.close();
  await redis.stop();
});

const exitOf = (client: Client) =>
  received(client, 'run-event')
    .map((m) => m.event)
    .filter((e): e is Extract<RunEvent, { type: 'exit' }> => e.type === 'exit');
const stdoutOf = (client: Client) =>
  received(client, 'run-event')
    .map((m) => (m.event.type === 'output' && m.event.stream === 'stdout' ? m.event.data : ''))
    .join('');

describe('the server running a room’s job dies', () => {
  it('the other server ends the job with a clear message, records it, and Run works again', async () => {
    const b = await processes.start({
      MONGODB_URI: inject('mongoUri'),
      MONGODB_DB: dbName,
      SESSION_KEY: TEST_SESSION_KEY,
      REDIS_URL: redis.url,
      SERVER_ID: 'b',
      ROOM_LEASE_MS: '1500',
      SERVER_HEARTBEAT_MS: '1500',
      DOCKER_JUDGE: '1',
      JUDGE_ID: judgeId,
      RUN_TIME_MS: '20000',
    });
    const { roomId, sessions } = await roomWithPeople(a, database, ['Ann', 'Bob']);
    const [annSession, bobSession] = sessions;
    if (!annSession || !bobSession) throw new Error('two people');
    const bob = connectClient(b.server, roomId, bobSession.on(b.server));
    await bob.synced;
    const ann = connectClient(a, roomId, annSession);
    await ann.synced;
    bob.doc.getText(DocKeys.code).insert(0, 'import time\nprint("going", flush=True)\ntime.sleep(15)\n');
    bob.send({ type: 'run' });
    await waitFor(() => stdoutOf(ann).includes('going'), 20_000, 'the run’s output on A');

    await kill(b.child);
    bob.close();
    // The slot lapses (its time to live) and is found free twice in a row.
    await waitFor(() => exitOf(ann).length > 0, 45_000, 'the run ended on A');
    expect(exitOf(ann)).toEqual([expect.objectContaining({ outcome: 'error', message: JOB_SERVER_LOST })]);
    const runId = received(ann, 'run-started')[0]?.run.id;
    await waitFor(async () => (await database.runs.findLatest(roomId))?.exit != null, 10_000, 'the end stored');
    const stored = await database.runs.findLatest(roomId);
    expect(stored?._id).toBe(runId);
    expect(stored?.exit).toMatchObject({ outcome: 'error', message: JOB_SERVER_LOST });

    // The slot is free: Run works at once, on the server still up.
    const code = ann.doc.getText(DocKeys.code);
    ann.doc.transact(() => {
      code.delete(0, code.length);
      code.insert(0, 'print("again")\n');
    });
    ann.send({ type: 'run' });
    await waitFor(() => exitOf(ann).length > 1, 30_000, 'the second run');
    expect(received(ann, 'refused')).toEqual([]);
    expect(exitOf(ann)[1]).toMatchObject({ outcome: 'exited', code: 0 });
    expect(stdoutOf(ann)).toContain('again\n');
    ann.close();
  }, 120_000);
});
