import { beforeAll, describe, expect, it } from 'vitest';
import { capturedLines } from '../../test/support/capturedLog.ts';
import { createLogger } from '../src/logger.ts';
import type { QueueJudge } from '../src/queue/QueueJudge.ts';
import { collect, exitOf, python, waitFor } from './harness.ts';
import { expectNoContainersLeft, testId, useJudgeQueue } from './queueHarness.ts';

// A job's request id crosses the Redis queue: the worker that runs it logs its start and
// end with the id the room gave it.

describe('request ids through the Redis queue', () => {
  const queue = useJudgeQueue();
  const workerId = testId('request-ids');
  const { lines, stream } = capturedLines();
  let judge: QueueJudge;
  beforeAll(async () => {
    await queue.worker(workerId, 1, createLogger({ name: 'judge-worker', destination: stream }));
    judge = queue.judge();
  });
  expectNoContainersLeft(workerId);

  it('are on the worker’s job lines, with the queue’s job id', async () => {
    const requestId = 'a1b2c3d4e5f6.run-1';
    expect(exitOf(await collect(judge, { ...python('print(1)\n'), requestId })).outcome).toBe('exited');
    await waitFor(
      async () => lines.some((line) => line.msg === 'job ended'),
      (ended) => ended,
    );
    const job = lines.filter((line) => line.requestId === requestId);
    expect(job).toEqual([
      expect.objectContaining({ msg: 'job started', kind: 'run', language: 'python', jobId: expect.any(String) }),
      expect.objectContaining({ msg: 'job ended', result: 'exited', name: 'judge-worker' }),
    ]);
    expect(job[0]?.jobId).toBe(job[1]?.jobId);
  });
});
