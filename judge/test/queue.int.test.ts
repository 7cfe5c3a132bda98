import type { RunEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerJudge, type DockerJudge } from '../src/DockerJudge.ts';
import { collect, exitOf, finishedOf, python, sandboxContainers, submission, submitAll } from './harness.ts';

describe('the judge queue (concurrency 1)', () => {
  let judge: DockerJudge;
  beforeAll(async () => {
    judge = await createDockerJudge({ sweepIntervalMs: 0, maxConcurrentRuns: 1, maxQueued: 8 });
  });
  afterAll(() => judge.close());

  it('takes turns between rooms: room B’s job runs before room A’s last ones', async () => {
    const order: string[] = [];
    const queued: Record<string, number[]> = {};
    const job = (room: string, name: string) =>
      collect(
        judge,
        { ...python('import time\ntime.sleep(0.15)\n'), queueKey: room },
        {
          onEvent(event: RunEvent) {
            if (event.type === 'started') order.push(name);
            if (event.type === 'queued') {
              queued[name] = [...(queued[name] ?? []), event.position];
            }
          },
        },
      );
    const jobs = ['A0', 'A1', 'A2', 'A3', 'A4', 'A5'].map((name) => job('room-a', name));
    // B arrives after all of A's jobs are queued.
    await new Promise((resolve) => setTimeout(resolve, 50));
    jobs.push(job('room-b', 'B1'));
    const results = await Promise.all(jobs);
    for (const received of results) expect(exitOf(received).outcome).toBe('exited');
    expect(order.slice(0, 3)).toEqual(['A0', 'A1', 'B1']);
    expect(order.indexOf('B1')).toBeLessThan(order.indexOf('A5'));
    // B was told its place when it arrived (behind A1 only), and A5 saw its place improve.
    expect(queued.B1?.[0]).toBe(2);
    expect(queued.A5?.[0]).toBe(5);
    expect(queued.A5?.at(-1)).toBe(1);
    expect(queued.A0).toBeUndefined();
  });

  it('refuses a job when the queue is full, with a clear message', async () => {
    const hold = collect(judge, python('import time\ntime.sleep(0.5)\n'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = Array.from({ length: 8 }, () => submitAll(judge, submission('python', 'print(1)\n', [['', '1']])));
    const refused = exitOf(await collect(judge, python('print(1)\n')));
    expect(refused.outcome).toBe('error');
    expect(refused.message).toContain('busy');
    await hold;
    for (const events of await Promise.all(waiting)) expect(finishedOf(events).verdict).toBe('accepted');
  });

  it('removes a cancelled job from the queue without running it', async () => {
    const hold = collect(judge, python('import time\ntime.sleep(0.4)\n'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const controller = new AbortController();
    const cancelled = submitAll(judge, submission('python', 'print(1)\n', [['', '1']]), {
      signal: controller.signal,
      onEvent(event) {
        if (event.type === 'queued') controller.abort();
      },
    });
    const events = await cancelled;
    expect(events.map((e) => e.type)).toEqual(['queued', 'finished']);
    expect(finishedOf(events)).toMatchObject({ verdict: 'internal-error', passed: 0, stopped: true });
    expect(judge.queue.waiting).toBe(0);
    await hold;
    expect(await sandboxContainers(judge)).toEqual([]);
  });

  it('kills a running submission when it is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 400);
    const started = performance.now();
    const events = await submitAll(
      judge,
      submission('python', 'while True:\n    pass\n', [['', '']], { limits: { timeMs: 8_000, memoryMb: 64 } }),
      { signal: controller.signal },
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(finishedOf(events)).toMatchObject({
      verdict: 'internal-error',
      message: 'The submission was stopped.',
      stopped: true,
    });
    expect(await sandboxContainers(judge)).toEqual([]);
  });
});
