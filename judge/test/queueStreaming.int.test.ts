import { beforeAll, describe, expect, it } from 'vitest';
import type { QueueJudge } from '../src/queue/QueueJudge.ts';
import { collect, exitOf, finishedOf, outputOf, python, submission, submitAll, testEvents } from './harness.ts';
import { expectNoContainersLeft, testId, useJudgeQueue } from './queueHarness.ts';

describe('runs and submissions through the Redis queue', () => {
  const queue = useJudgeQueue();
  const workerId = testId('stream');
  let judge: QueueJudge;
  beforeAll(async () => {
    await queue.worker(workerId);
    judge = queue.judge();
  });
  expectNoContainersLeft(workerId);

  it('streams output to the caller as the program prints it, in order, exit last', async () => {
    const received = await collect(
      judge,
      python('import time\nprint("first", flush=True)\ntime.sleep(2)\nprint("second", flush=True)\n'),
    );
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 0 });
    expect(outputOf(received)).toBe('first\nsecond\n');
    const types = received.map(({ event }) => event.type).filter((t) => t !== 'queued');
    // How the output is cut into events depends on the pipes; their order does not.
    expect(types.join(' ').replace(/(output ?)+/, 'output ')).toBe('started output exit');
    const first = received.find(({ event }) => event.type === 'output');
    const exit = received.at(-1);
    // The first line reached us while the program slept, not with the rest at the end.
    expect((exit?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThan(1_000);
  });

  it('passes stdin and the limits to the sandbox', async () => {
    const received = await collect(
      judge,
      python('import time\nprint(input()[::-1], flush=True)\ntime.sleep(30)\n', 'olleh\n', { timeMs: 1_000 }),
    );
    expect(outputOf(received)).toBe('hello\n');
    expect(exitOf(received).outcome).toBe('timeout');
  });

  it('judges a submission test by test, with the verdict', async () => {
    const code = 'n = int(input())\nprint(n * 2 if n < 3 else n)\n';
    const events = await submitAll(
      judge,
      submission('python', code, [
        ['1\n', '2\n'],
        ['2\n', '4\n'],
        ['3\n', '6\n'],
      ]),
    );
    expect(testEvents(events).map((t) => t.verdict)).toEqual(['accepted', 'accepted', 'wrong-answer']);
    expect(finishedOf(events)).toMatchObject({ verdict: 'wrong-answer', passed: 2, total: 3 });
  });

  it('refuses a job when the queue is full, saying so', async () => {
    const full = queue.judge({ maxQueued: 0 });
    const received = await collect(full, python('print(1)\n'));
    expect(exitOf(received)).toMatchObject({ outcome: 'error', message: expect.stringMatching(/busy/) });
  });
});
