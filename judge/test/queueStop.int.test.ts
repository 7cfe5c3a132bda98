import { Queue } from 'bullmq';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QueueJudge } from '../src/queue/QueueJudge.ts';
import { QUEUE_NAME } from '../src/queue/queueKeys.ts';
import { collect, exitOf, finishedOf, outputOf, python, submission, submitAll, testEvents } from './harness.ts';
import { expectNoContainersLeft, testId as id, startRun, useJudgeQueue } from './queueHarness.ts';

describe('Stop through the queue', () => {
  const queue = useJudgeQueue();
  const workerId = id('stop');
  let judge: QueueJudge;
  let bull: Queue;
  beforeAll(async () => {
    await queue.worker(workerId);
    judge = queue.judge();
    bull = new Queue(QUEUE_NAME, { connection: { url: queue.redisUrl } });
    return () => bull.close();
  });
  expectNoContainersLeft(workerId);

  it('kills a running program: the worker answers stopped and removes its container', async () => {
    const stop = new AbortController();
    // Unbuffered, Python writes "up" and its newline apart: stopped once the line is whole.
    let output = '';
    const received = await collect(
      judge,
      { ...python('print("up", flush=True)\nwhile True:\n    pass\n'), queueKey: id('room') },
      {
        signal: stop.signal,
        onEvent: (event) => {
          if (event.type === 'output') output += event.data;
          if (output.endsWith('\n')) stop.abort();
        },
      },
    );
    expect(outputOf(received)).toBe('up\n');
    expect(exitOf(received)).toMatchObject({ outcome: 'stopped', signal: 'SIGKILL' });
  });

  it('removes a waiting job from the queue: it never runs, and the room may run again', async () => {
    const busy = startRun(judge, id('room'), 'import time\nprint("busy", flush=True)\ntime.sleep(2)\n');
    await busy.started;
    const room = id('room');
    const stop = new AbortController();
    const stopped = await collect(
      judge,
      { ...python('print("never")\n'), queueKey: room },
      {
        signal: stop.signal,
        onEvent: (event) => {
          if (event.type === 'queued') stop.abort();
        },
      },
    );
    expect(stopped.map(({ event }) => event.type)).toEqual(['queued', 'exit']);
    expect(exitOf(stopped)).toMatchObject({ outcome: 'stopped', signal: null });
    expect(await bull.getWaitingCount()).toBe(0);
    expect(outputOf(await busy.done)).toBe('busy\n');
    const again = await collect(judge, { ...python('print("again")\n'), queueKey: room });
    expect(outputOf(again)).toBe('again\n');
  });

  it('stops a submission between tests', async () => {
    const stop = new AbortController();
    const slow = 'import time\nn = int(input())\ntime.sleep(0.3 if n == 1 else 5)\nprint(n)\n';
    const events = await submitAll(
      judge,
      submission('python', slow, [
        ['1\n', '1\n'],
        ['2\n', '2\n'],
        ['3\n', '3\n'],
      ]),
      {
        signal: stop.signal,
        onEvent: (event) => {
          if (event.type === 'test') stop.abort();
        },
      },
    );
    expect(testEvents(events)).toHaveLength(1);
    expect(finishedOf(events)).toMatchObject({ verdict: 'internal-error', stopped: true });
  });
});
