import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, python } from './harness.ts';

describeEachJudge('memory limit', (h) => {
  it('reports a program killed for using too much memory', async () => {
    // b'x' * n writes every page, so the memory is really used (calloc'd pages would not be).
    const code = 'hog = []\nwhile True:\n    hog.append(b"x" * (8 << 20))\n';
    const received = await collect(h().judge, python(code, '', { memoryMb: 64, timeMs: 8_000 }));
    const exit = exitOf(received);
    expect(exit).toMatchObject({ outcome: 'memory', code: null, signal: 'SIGKILL' });
    expect(exit.message).toContain('64 MB');
  });

  it('lets a program use memory below the limit', async () => {
    const received = await collect(
      h().judge,
      python('data = b"x" * (32 << 20)\nprint(len(data))\n', '', { memoryMb: 128 }),
    );
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 0 });
  });
});
