import { describe, expect, it } from 'vitest';
import { TestPipeline } from './TestPipeline.ts';

function recorder() {
  const started: number[] = [];
  const start = (index: number) => {
    started.push(index);
    return Promise.resolve(index * 10);
  };
  return { started, start };
}

describe('TestPipeline', () => {
  it('starts the tests behind the one taken, up to the depth, each once and in order', async () => {
    const { started, start } = recorder();
    const pipeline = new TestPipeline([1, 1, 1, 1, 1, 1], start, { depth: 3, bytes: 100 });
    expect(await pipeline.result(0)).toBe(0);
    expect(started).toEqual([0, 1, 2]);
    expect(await pipeline.result(1)).toBe(10);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(await pipeline.result(5)).toBe(50);
    expect(started).toEqual([0, 1, 2, 3, 5]);
  });

  it('holds back queued tests whose inputs pass the byte budget, never the one taken', async () => {
    const { started, start } = recorder();
    const pipeline = new TestPipeline([500, 60, 50, 10], start, { depth: 4, bytes: 100 });
    await pipeline.result(0);
    expect(started).toEqual([0, 1]);
    await pipeline.result(1);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('leaves no unhandled rejection for a started test that is never taken', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const pipeline = new TestPipeline([1, 1], (index) =>
        index === 0 ? Promise.resolve('ok') : Promise.reject(new Error('container removed')),
      );
      expect(await pipeline.result(0)).toBe('ok');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
