import { randomBytes } from 'node:crypto';
import { createDockerJudge, JudgeWorker, QueueJudge } from '@codestream/judge';
import type { ApiRun, ApiSubmission, Judge } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import { loadRoomServerConfig } from '../src/config.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { judgeFromConfig } from '../src/judgeFromConfig.ts';
import { silentLogger } from '../src/log/logger.ts';
import { apiClient, createToken } from './apiClients.ts';
import { openTestDatabase, signedIn, startTestServer } from './harness.ts';
import { addTests, createProblem } from './problemFixtures.ts';

// With REDIS_URL the integration API's jobs go to the judge workers through the queue
// rooms use, which admits one job per queue key at a time: a caller's jobs sent together
// all run, one after the other, none refused as busy.

let redis: TestRedis;
let database: Database;
let judge: Judge;
let worker: JudgeWorker;
let server: RoomServer;

beforeAll(async () => {
  redis = await startRedis();
  database = await openTestDatabase();
  judge = await judgeFromConfig(loadRoomServerConfig({ REDIS_URL: redis.url }), silentLogger);
  const docker = await createDockerJudge({
    id: `api-queue-${randomBytes(3).toString('hex')}`,
    sweepIntervalMs: 0,
    maxConcurrentRuns: 2,
    maxQueued: 4,
  });
  worker = await JudgeWorker.start({ redisUrl: redis.url, judge: docker, concurrency: 2 });
  server = await startTestServer({ database, judge, timeLimitMs: 5_000 });
});
afterAll(async () => {
  await server?.close();
  await judge?.close();
  await worker?.close();
  await database?.close();
  await redis?.stop();
});

describe('the integration API on the queue of judge workers', () => {
  it('runs every job a caller sends at once, in turn, and judges a submission', async () => {
    expect(judge).toBeInstanceOf(QueueJudge);
    const admin = await signedIn(server, database, 'admin');
    const api = apiClient(server, (await createToken(admin)).token);
    const accepted = await Promise.all(
      [1, 2, 3].map((n) => api.accepted('/api/v1/runs', { language: 'python', code: `print(${n} * 11)` })),
    );
    const runs = await Promise.all(accepted.map((job) => api.settled<ApiRun>(job.links.self)));
    expect(runs.map((run) => [run.status, run.stdout, run.result?.outcome])).toEqual([
      ['finished', '11\n', 'exited'],
      ['finished', '22\n', 'exited'],
      ['finished', '33\n', 'exited'],
    ]);

    const author = await signedIn(server, database, 'author');
    await createProblem(author, { slug: 'double-it', checker: { type: 'tokens' }, timeLimitMs: 2_000 });
    await addTests(author, 'double-it', [
      { kind: 'sample', input: '2\n', output: '4\n' },
      { kind: 'hidden', input: '21\n', output: '42\n' },
    ]);
    const res = await api.post('/api/v1/submissions?wait=true', {
      problem: 'double-it',
      language: 'python',
      code: 'print(2 * int(input()))',
    });
    expect(res.status).toBe(201);
    const submission = (await res.json()) as ApiSubmission;
    expect(submission.result).toMatchObject({ verdict: 'accepted', passed: 2, total: 2 });
  });
});
