import { expect, it } from 'vitest';
import { sandboxConfigTable } from '../src/config.ts';
import { collect, describeEachJudge, exitOf, outputOf, python } from './harness.ts';

const PIDS_LIMIT = sandboxConfigTable.JUDGE_PIDS_LIMIT.default;

describeEachJudge('process limit', (h) => {
  it(`refuses forks beyond the default pids limit (${PIDS_LIMIT})`, async () => {
    const code = [
      'import os, time',
      'n = 0',
      'try:',
      '    for _ in range(500):',
      '        if os.fork() == 0:',
      '            time.sleep(30)',
      '            os._exit(0)',
      '        n += 1',
      'except OSError as e:',
      '    print("fork failed", e.errno)',
      'print("forked", n)',
      '',
    ].join('\n');
    const received = await collect(h().judge, python(code, '', { timeMs: 8_000 }));
    const out = outputOf(received);
    // errno 11 = EAGAIN, what fork returns when the pids cgroup is full.
    expect(out).toMatch(/^fork failed 11\nforked \d+\n$/);
    expect(Number(/forked (\d+)/.exec(out)?.[1])).toBeLessThan(PIDS_LIMIT);
    // The children die with the container's PID 1 as soon as the program exits.
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 0 });
  });
});
