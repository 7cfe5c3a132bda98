import { beforeAll, describe, expect, it } from 'vitest';
import { BUSY_MESSAGE } from '../src/queue/QueuedJob.ts';
import type { QueueJudge } from '../src/queue/QueueJudge.ts';
import { collect, exitOf, outputOf, python, type ReceivedEvent } from './harness.ts';
import { containersOf, testId as id, startRun, useJudgeQueue } from './queueHarness.ts';

const startedAt = (received: ReceivedEvent[]) => received.find(({ event }) => event.type === 'started')?.at ?? Infinity;

describe('judge workers sharing one queue', () => {
  const queue = useJudgeQueue();
  const workers = [id('one'), id('two')];
  let judge: QueueJudge;
  beforeAll(async () => {
    for (const worker of workers) await queue.worker(worker);
    judge = queue.judge();
  });

  it('spread jobs: two rooms run at once, one on each worker', async () => {
    const sleeper = 'import time\nprint("up", flush=True)\ntime.sleep(2)\n';
    const a = startRun(judge, id('room'), sleeper);
    const b = startRun(judge, id('room'), sleeper);
    await Promise.all([a.started, b.started]);
    // Each worker (concurrency 1) holds one sandbox, labelled with its id.
    const held = await Promise.all(workers.map((w) => containersOf(w)));
    expect(held.map((ids) => ids.length)).toEqual([1, 1]);
    for (const run of await Promise.all([a.done, b.done])) expect(exitOf(run).outcome).toBe('exited');
  });

  it('admit one job per room at a time, across room-servers, with a clear refusal', async () => {
    const room = id('room');
    const otherServer = queue.judge();
    const first = startRun(judge, room, 'import time\nprint("first", flush=True)\ntime.sleep(1)\n');
    await first.started;
    const refused = await collect(otherServer, { ...python('print("second")\n'), queueKey: room });
    expect(exitOf(refused)).toMatchObject({ outcome: 'error', message: BUSY_MESSAGE });
    expect(refused.some(({ event }) => event.type === 'started')).toBe(false);
    expect(outputOf(await first.done)).toBe('first\n');
    // The room's next job is admitted as soon as the first one's end is seen.
    const next = await collect(otherServer, { ...python('print("next")\n'), queueKey: room });
    expect(outputOf(next)).toBe('next\n');
  });
});

describe('fairness between rooms on a busy worker', () => {
  const queue = useJudgeQueue();
  let judge: QueueJudge;
  beforeAll(async () => {
    await queue.worker(id('fair'));
    judge = queue.judge();
  });

  it('a room that runs again at once goes behind a room already waiting', async () => {
    const busy = id('busy-room');
    const patient = id('patient-room');
    const first = startRun(judge, busy, 'import time\nprint("a1", flush=True)\ntime.sleep(1.5)\n');
    await first.started;
    const waiting = startRun(judge, patient, 'print("b1")\n');
    const firstRun = await first.done;
    const again = collect(judge, { ...python('print("a2")\n'), queueKey: busy });
    const [patientRun, againRun] = await Promise.all([waiting.done, again]);
    expect(outputOf(firstRun)).toBe('a1\n');
    // Told its place in line while the only worker was busy.
    expect(patientRun.some(({ event }) => event.type === 'queued' && event.position === 1)).toBe(true);
    expect(startedAt(patientRun)).toBeLessThan(startedAt(againRun));
    expect(outputOf(againRun)).toBe('a2\n');
  });
});
