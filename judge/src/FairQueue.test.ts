import { describe, expect, it } from 'vitest';
import { FairQueue, QueueAbortedError, QueueFullError } from './FairQueue.ts';

const never = new AbortController().signal;

describe('FairQueue', () => {
  it('runs up to `concurrency` jobs at once and hands slots over in order', async () => {
    const queue = new FairQueue({ concurrency: 2, maxQueued: 10 });
    const a = await queue.acquire('r', never);
    await queue.acquire('r', never);
    let third = false;
    const waiting = queue.acquire('r', never).then((release) => {
      third = true;
      return release;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    expect(queue.waiting).toBe(1);
    a();
    a(); // a second call is a no-op
    await waiting;
    expect(third).toBe(true);
    expect(queue.running).toBe(2);
  });

  it('takes turns between keys: a later room is not stuck behind a busy one', async () => {
    const queue = new FairQueue({ concurrency: 1, maxQueued: 10 });
    const order: string[] = [];
    const release = await queue.acquire('A', never);
    // Each job, once it runs, finishes at once and hands its slot on.
    const jobs = ['A1', 'A2', 'A3', 'A4', 'A5', 'B1'].map((name) =>
      queue.acquire(name[0] ?? '', never).then((done) => {
        order.push(name);
        setTimeout(done, 0);
      }),
    );
    release();
    await Promise.all(jobs);
    expect(order.indexOf('B1')).toBeLessThan(order.indexOf('A2'));
    expect(order.filter((n) => n.startsWith('A'))).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
  });

  it('tells waiting jobs their position and updates it', async () => {
    const queue = new FairQueue({ concurrency: 1, maxQueued: 10 });
    const release = await queue.acquire('A', never);
    const positions: Record<string, number[]> = { A: [], B: [], C: [] };
    const a = queue.acquire('A', never, (p) => positions.A?.push(p));
    queue.acquire('A', never, (p) => positions.C?.push(p));
    queue.acquire('B', never, (p) => positions.B?.push(p));
    // Round-robin: A's first, then B's, then A's second.
    expect(positions).toEqual({ A: [1], C: [2, 3], B: [2] });
    release();
    await a;
    expect(positions).toEqual({ A: [1], C: [2, 3, 2], B: [2, 1] });
  });

  it('refuses jobs beyond maxQueued with a clear error', async () => {
    const queue = new FairQueue({ concurrency: 1, maxQueued: 1 });
    await queue.acquire('A', never);
    queue.acquire('A', never);
    await expect(queue.acquire('B', never)).rejects.toBeInstanceOf(QueueFullError);
  });

  it('removes an aborted job from the line', async () => {
    const queue = new FairQueue({ concurrency: 1, maxQueued: 5 });
    const release = await queue.acquire('A', never);
    const controller = new AbortController();
    const aborted = queue.acquire('A', controller.signal);
    const bPositions: number[] = [];
    const b = queue.acquire('B', never, (p) => bPositions.push(p));
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(QueueAbortedError);
    expect(queue.waiting).toBe(1);
    expect(bPositions).toEqual([2, 1]);
    release();
    await b;
    expect(queue.running).toBe(1);
  });

  it('tells how long each job waited for its slot', async () => {
    const waits: number[] = [];
    const queue = new FairQueue({ concurrency: 1, maxQueued: 10, onGranted: (ms) => waits.push(ms) });
    const release = await queue.acquire('A', never);
    const aborted = new AbortController();
    const gaveUp = queue.acquire('B', aborted.signal).catch((err: unknown) => err);
    const second = queue.acquire('C', never);
    aborted.abort();
    expect(await gaveUp).toBeInstanceOf(QueueAbortedError);
    await new Promise((resolve) => setTimeout(resolve, 30));
    release();
    await second;
    // The job that gave up while waiting got no slot, so it is not counted.
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBe(0);
    expect(waits[1]).toBeGreaterThanOrEqual(25);
  });
});
