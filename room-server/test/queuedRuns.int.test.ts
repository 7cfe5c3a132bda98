import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createDockerJudge, JudgeWorker, QueueJudge } from '@codestream/judge';
import { DocKeys, type Judge, type RunEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import { loadRoomServerConfig } from '../src/config.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { judgeFromConfig } from '../src/judgeFromConfig.ts';
import { silentLogger } from '../src/log/logger.ts';
import { connectClient, openTestDatabase, roomWithPeople, startTestServer, waitFor } from './harness.ts';

const exec = promisify(execFile);
let redis: TestRedis;
let database: Database;
let judge: Judge;
let worker: JudgeWorker;
let server: RoomServer;
const workerId = `room-queue-${randomBytes(3).toString('hex')}`;
const clients: ReturnType<typeof connectClient>[] = [];

beforeAll(async () => {
  redis = await startRedis();
  database = await openTestDatabase();
  // As main.ts picks it: REDIS_URL without JUDGE_URL means the queue.
  judge = await judgeFromConfig(loadRoomServerConfig({ REDIS_URL: redis.url }), silentLogger);
  const docker = await createDockerJudge({ id: workerId, sweepIntervalMs: 0, maxConcurrentRuns: 1, maxQueued: 1 });
  worker = await JudgeWorker.start({ redisUrl: redis.url, judge: docker, concurrency: 1 });
  server = await startTestServer({ database, judge, timeLimitMs: 5_000 });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
  await judge?.close();
  await worker?.close();
  await database?.close();
  await redis?.stop();
});

describe('Run with REDIS_URL set', () => {
  it('goes through the queue to a judge worker, and its output streams to every socket of the room', async () => {
    expect(judge).toBeInstanceOf(QueueJudge);
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
    const [ann, bob] = sessions.map((session) => connectClient(server, roomId, session));
    if (!ann || !bob) throw new Error('two clients');
    clients.push(ann, bob);
    await Promise.all([ann.synced, bob.synced]);
    const code = 'import time\nprint("first", flush=True)\ntime.sleep(1.5)\nprint("second")\n';
    const text = ann.doc.getText(DocKeys.code);
    ann.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, code);
    });
    await waitFor(() => bob.doc.getText(DocKeys.code).toString() === code, 5_000, 'code sync');

    const events = (client: typeof ann) =>
      client.messages.flatMap(({ at, message }) =>
        message.type === 'run-event' ? [{ at, event: message.event }] : [],
      );
    const stdout = (client: typeof ann) =>
      events(client)
        .map(({ event }) => (event.type === 'output' && event.stream === 'stdout' ? event.data : ''))
        .join('');
    bob.send({ type: 'run' });
    await waitFor(() => stdout(ann).includes('first'), 15_000, 'first output');
    // The program runs in a container of the worker, labelled with its id.
    const { stdout: running } = await exec('docker', ['ps', '-q', '--filter', `label=codestream.judge=${workerId}`]);
    expect(running.trim()).not.toBe('');
    const exited = (client: typeof ann) => events(client).some(({ event }) => event.type === 'exit');
    await waitFor(() => exited(ann) && exited(bob), 15_000, 'run exit');
    for (const client of [ann, bob]) {
      expect(stdout(client)).toBe('first\nsecond\n');
      const list = events(client);
      const firstAt = list.find(({ event }) => event.type === 'output' && event.data.includes('first'))?.at ?? 0;
      const secondAt = list.find(({ event }) => event.type === 'output' && event.data.includes('second'))?.at ?? 0;
      // "first" reached the room while the program was still sleeping.
      expect(secondAt - firstAt).toBeGreaterThan(1_000);
      expect(list.at(-1)?.event).toMatchObject({
        type: 'exit',
        outcome: 'exited',
        code: 0,
      } satisfies Partial<RunEvent>);
    }
  });
});
