import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, outputOf, python } from './harness.ts';

describeEachJudge('output limit', (h) => {
  it.each(['stdout', 'stderr'] as const)('stops a %s flood at exactly the limit', async (stream) => {
    const code = `import sys\nwhile True:\n    sys.${stream}.write("y" * 1000)\n`;
    const t0 = performance.now();
    const received = await collect(h().judge, python(code, '', { outputBytes: 10_000, timeMs: 8_000 }));
    expect(performance.now() - t0).toBeLessThan(4_000);
    expect(outputOf(received, stream)).toBe('y'.repeat(10_000));
    const truncated = received.filter(({ event }) => event.type === 'truncated');
    expect(truncated.map(({ event }) => event)).toEqual([{ type: 'truncated', stream, limitBytes: 10_000 }]);
    // Nothing but the exit follows the truncation notice.
    expect(received.at(-2)?.event.type).toBe('truncated');
    expect(exitOf(received)).toMatchObject({ outcome: 'output-limit', signal: 'SIGKILL' });
  });

  it('allows output of exactly the limit', async () => {
    const received = await collect(
      h().judge,
      python('import sys\nsys.stdout.write("z" * 5000)\n', '', { outputBytes: 5_000 }),
    );
    expect(outputOf(received)).toHaveLength(5_000);
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 0 });
  });
});
