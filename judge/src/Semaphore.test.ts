import { describe, expect, it } from 'vitest';
import { AcquireAbortedError, Semaphore } from './Semaphore.ts';

describe('Semaphore', () => {
  it('lets `permits` holders in and queues the rest in FIFO order', async () => {
    const slots = new Semaphore(1);
    const releaseA = await slots.acquire();
    const order: string[] = [];
    const b = slots.acquire().then((release) => {
      order.push('b');
      return release;
    });
    const c = slots.acquire().then((release) => {
      order.push('c');
      return release;
    });
    expect(slots.waiting).toBe(2);
    releaseA();
    releaseA(); // a second release must not free a second slot
    (await b)();
    (await c)();
    expect(order).toEqual(['b', 'c']);
    // All released: the next acquire is immediate.
    await slots.acquire();
  });

  it('rejects a waiter whose signal fires and skips it', async () => {
    const slots = new Semaphore(1);
    const release = await slots.acquire();
    const controller = new AbortController();
    const aborted = slots.acquire(controller.signal);
    const next = slots.acquire();
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AcquireAbortedError);
    expect(slots.waiting).toBe(1);
    release();
    await next;
  });

  it('rejects at once when the signal already fired', async () => {
    await expect(new Semaphore(3).acquire(AbortSignal.abort())).rejects.toBeInstanceOf(AcquireAbortedError);
  });
});
