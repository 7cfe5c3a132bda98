import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, python, submission, submitAll, testEvents } from './harness.ts';

/** Prints to stderr for ever: only an output cap can end it before the time limit. */
const FLOOD = 'import sys\nwhile True:\n    sys.stderr.write("e" * 1000)\n';

// One rule for Run and Submit (README, "Languages, limits and verdicts"): stderr has its
// own cap, as large as stdout's, and printing past it is an output limit.
describeEachJudge(
  'a stderr flood',
  (h) => {
    it('is an output limit in Run', async () => {
      const exit = exitOf(await collect(h().judge, python(FLOOD, '', { outputBytes: 16_384, timeMs: 8_000 })));
      expect(exit).toMatchObject({ outcome: 'output-limit' });
      expect(exit.message).toContain('stderr');
    });

    it('is an output limit in Submit, not a time limit', async () => {
      const events = await submitAll(
        h().judge,
        submission('python', FLOOD, [['', '']], { limits: { timeMs: 8_000, memoryMb: 256 } }),
      );
      const [test] = testEvents(events);
      expect(test).toMatchObject({ verdict: 'output-limit' });
      expect(test?.message).toContain('stderr');
      expect(test?.cpuMs).toBeLessThan(8_000);
    });

    it('allows stderr up to the cap in Submit', async () => {
      const code = 'import sys\nsys.stderr.write("e" * 60_000)\nprint(42)\n';
      const events = await submitAll(h().judge, submission('python', code, [['', '42\n']]));
      expect(testEvents(events)[0]).toMatchObject({ verdict: 'accepted' });
    });
  },
  { submitOutputBytes: 64 * 1024 },
);
