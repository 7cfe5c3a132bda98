import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, outputOf, python } from './harness.ts';

describeEachJudge('time limit', (h) => {
  it('kills an infinite loop near the limit and keeps its earlier output', async () => {
    const t0 = performance.now();
    const received = await collect(
      h().judge,
      python('print("before", flush=True)\nwhile True:\n    pass\n', '', { timeMs: 1500 }),
    );
    const elapsed = performance.now() - t0;
    const exit = exitOf(received);
    expect(exit).toMatchObject({ outcome: 'timeout', code: null, signal: 'SIGKILL' });
    expect(exit.message).toContain('1.5 s');
    expect(exit.durationMs).toBeGreaterThanOrEqual(1_450);
    expect(exit.durationMs).toBeLessThan(2_000);
    expect(elapsed).toBeLessThan(4_000);
    expect(outputOf(received)).toBe('before\n');
  });

  it('kills a program that sleeps past the limit', async () => {
    const received = await collect(h().judge, python('import time\ntime.sleep(60)\n', '', { timeMs: 800 }));
    expect(exitOf(received)).toMatchObject({ outcome: 'timeout' });
  });
});
