import { describe, expect, it } from 'vitest';
import { AsyncQueue } from './AsyncQueue.ts';

describe('AsyncQueue', () => {
  it('returns items pushed before a shift in push order', async () => {
    const queue = new AsyncQueue<number>();
    queue.push(1);
    queue.push(2);
    expect(queue.size).toBe(2);
    expect(await queue.shift()).toBe(1);
    expect(await queue.shift()).toBe(2);
    expect(queue.size).toBe(0);
  });

  it('resolves waiting shifts in the order they were made', async () => {
    const queue = new AsyncQueue<string>();
    const waiting = Promise.all([queue.shift(), queue.shift()]);
    queue.push('a');
    queue.push('b');
    expect(await waiting).toEqual(['a', 'b']);
    expect(queue.size).toBe(0);
  });
});
