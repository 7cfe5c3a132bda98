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
    // On one CPU the clock reaches the limit first; the CPU time it used is said too.
    expect(exit.message).toMatch(
      /^Wall-clock time limit exceeded: the program ran longer than 1\.5 s and was stopped \(it had used [0-9.]+ s of CPU time\)\.$/,
    );
    expect(exit.durationMs).toBeGreaterThanOrEqual(1_450);
    expect(exit.durationMs).toBeLessThan(2_000);
    expect(elapsed).toBeLessThan(4_000);
    expect(outputOf(received)).toBe('before\n');
  });

  it('kills a program that sleeps past the limit', async () => {
    const received = await collect(h().judge, python('import time\ntime.sleep(60)\n', '', { timeMs: 800 }));
    // The wall-clock limit fired while the program used almost no CPU time: the message says both.
    expect(exitOf(received)).toMatchObject({
      outcome: 'timeout',
      message: expect.stringMatching(
        /^Wall-clock time limit exceeded: the program ran longer than 0\.8 s and was stopped \(it had used 0(\.[0-9]+)? s of CPU time\)\.$/,
      ),
    });
  });
});
