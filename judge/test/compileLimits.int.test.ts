import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, finishedOf, outputOf, submission, submitAll } from './harness.ts';

/** All of libstdc++'s headers: cc1plus needs well over 64 MB for them. */
const HEAVY_CPP = '#include <bits/stdc++.h>\nint main() { std::vector<int> v{1}; std::cout << v[0] << "\\n"; }\n';
const SMALL_C = '#include <stdio.h>\nint main(void) { puts("7"); return 0; }\n';

describeEachJudge(
  'compile memory limit',
  (h) => {
    it('stops a compiler that outgrows JUDGE_COMPILE_MEMORY_MB, in Run', async () => {
      const received = await collect(h().judge, { language: 'cpp', code: HEAVY_CPP, stdin: '' });
      expect(exitOf(received)).toMatchObject({
        outcome: 'memory',
        message: 'The compiler used more than its 64 MB and was stopped.',
      });
      expect(outputOf(received)).toBe('');
    });

    it('stops a compiler that outgrows JUDGE_COMPILE_MEMORY_MB, in Submit', async () => {
      const events = await submitAll(h().judge, submission('cpp', HEAVY_CPP, [['', '1\n']]));
      expect(events.find((e) => e.type === 'compiled')).toMatchObject({
        ok: false,
        message: expect.stringContaining('The compiler used more than its 64 MB and was stopped.'),
      });
      expect(finishedOf(events)).toMatchObject({ verdict: 'compilation-error' });
    });

    it('lets a compiler stay under the limit', async () => {
      const events = await submitAll(h().judge, submission('c', SMALL_C, [['', '7\n']]));
      expect(finishedOf(events)).toMatchObject({ verdict: 'accepted' });
    });
  },
  { compileMemoryMb: 64 },
);
