import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DebouncedTask } from './DebouncedTask.ts';

describe('DebouncedTask', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after the quiet period', async () => {
    const task = vi.fn(async () => {});
    const debounced = new DebouncedTask(task, 2000, 10_000, () => {});
    debounced.schedule();
    await vi.advanceTimersByTimeAsync(1000);
    debounced.schedule();
    await vi.advanceTimersByTimeAsync(1999);
    expect(task).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs at the max wait while schedules keep coming', async () => {
    const task = vi.fn(async () => {});
    const debounced = new DebouncedTask(task, 2000, 10_000, () => {});
    for (let t = 0; t < 10_000; t += 500) {
      debounced.schedule();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('flush runs a pending task at once and is a no-op otherwise', async () => {
    const task = vi.fn(async () => {});
    const debounced = new DebouncedTask(task, 2000, 10_000, () => {});
    await debounced.flush();
    expect(task).not.toHaveBeenCalled();
    debounced.schedule();
    await debounced.flush();
    expect(task).toHaveBeenCalledTimes(1);
    expect(debounced.pending).toBe(false);
  });

  it('reports task errors and keeps working', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const debounced = new DebouncedTask(
      async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
      },
      10,
      100,
      (err) => errors.push(err),
    );
    debounced.schedule();
    await debounced.flush();
    debounced.schedule();
    await debounced.flush();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
