import { expect, it } from 'vitest';
import { describeEachJudge, finishedOf, submission, submitAll, testEvents } from './harness.ts';

// Accepts any output that is twice the input; prints why it rejects.
const DOUBLE_CHECKER = [
  'import sys',
  'inp, exp, out = (open(name).read() for name in sys.argv[1:4])',
  'try:',
  '    ok = int(out.split()[0]) == 2 * int(inp)',
  'except (ValueError, IndexError):',
  '    ok = False',
  'print("checked" if ok else "expected double of " + inp.strip())',
  'sys.exit(0 if ok else 1)',
  '',
].join('\n');

describeEachJudge('custom checkers', (h) => {
  it('accepts and rejects by the checker’s exit code, in its own container', async () => {
    const request = submission(
      'python',
      'n = int(input())\nprint(n * 2 if n < 10 else n)\n',
      [
        ['3\n', 'whatever\n'],
        ['50\n', 'whatever\n'],
      ],
      { checker: { type: 'custom', language: 'python', code: DOUBLE_CHECKER }, sample: true },
    );
    const events = await submitAll(h().judge, request);
    const [ok, wrong] = testEvents(events);
    expect(ok).toMatchObject({ verdict: 'accepted', message: 'checked' });
    expect(wrong).toMatchObject({ verdict: 'wrong-answer', message: 'expected double of 50' });
    expect(finishedOf(events)).toMatchObject({ verdict: 'wrong-answer', passed: 1, total: 2 });
  });

  it('runs a Kattis output validator: output on stdin, exit 42/43, judgemessage.txt', async () => {
    const validator = [
      'import sys',
      'inp, ans = (open(name).read() for name in sys.argv[1:3])',
      'ok = sys.stdin.read().split() == ans.split()',
      'open(sys.argv[3] + "judgemessage.txt", "w").write("same" if ok else "differs from " + ans.strip())',
      'sys.exit(42 if ok else 43)',
      '',
    ].join('\n');
    const request = submission(
      'python',
      'n = int(input())\nprint(n * 2 if n < 10 else n)\n',
      [
        ['3\n', '6\n'],
        ['50\n', '100\n'],
      ],
      { checker: { type: 'custom', language: 'python', code: validator, protocol: 'kattis' }, sample: true },
    );
    const [ok, wrong] = testEvents(await submitAll(h().judge, request));
    expect(ok).toMatchObject({ verdict: 'accepted', message: 'same' });
    expect(wrong).toMatchObject({ verdict: 'wrong-answer', message: 'differs from 100' });
  });

  it('keeps a hidden test’s checker message to itself', async () => {
    const request = submission('python', 'print(1)\n', [['5\n', '10\n']], {
      checker: { type: 'custom', language: 'python', code: DOUBLE_CHECKER },
    });
    const [test] = testEvents(await submitAll(h().judge, request));
    expect(test?.verdict).toBe('wrong-answer');
    expect(test?.message).toBeUndefined();
  });

  it('reports a checker that does not compile as an internal error', async () => {
    const request = submission('python', 'print(1)\n', [['1\n', '1\n']], {
      checker: { type: 'custom', language: 'c', code: 'this is not C' },
    });
    const events = await submitAll(h().judge, request);
    expect(testEvents(events)).toEqual([]);
    expect(finishedOf(events).verdict).toBe('internal-error');
    expect(finishedOf(events).message).toContain('checker');
  });
});
