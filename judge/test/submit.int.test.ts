import { expect, it } from 'vitest';
import { describeEachJudge, finishedOf, submission, submitAll, testEvents } from './harness.ts';

const SUM = 'a, b = map(int, input().split())\nprint(a + b)\n';
const SUM_TESTS: Array<[string, string]> = [
  ['1 2\n', '3\n'],
  ['10 20\n', '30\n'],
  ['-5 5\n', '0\n'],
];

describeEachJudge('judging submissions', (h) => {
  it('accepts a correct program and streams one verdict per test', async () => {
    const events = await submitAll(h().judge, submission('python', SUM, SUM_TESTS));
    expect(events.map((e) => e.type)).toEqual(['test', 'test', 'test', 'finished']);
    expect(testEvents(events).map((t) => [t.index, t.id, t.verdict])).toEqual([
      [0, 't1', 'accepted'],
      [1, 't2', 'accepted'],
      [2, 't3', 'accepted'],
    ]);
    expect(finishedOf(events)).toMatchObject({ verdict: 'accepted', passed: 3, total: 3 });
    // Hidden tests never carry the program's output.
    expect(testEvents(events).every((t) => t.output === undefined)).toBe(true);
  });

  it('reports a wrong answer, and runs every test unless asked to stop at the first failure', async () => {
    const code = 'a, b = map(int, input().split())\nprint(a + b if a > 0 else 42)\n';
    const all = await submitAll(h().judge, submission('python', code, SUM_TESTS, { stopAtFirstFailure: false }));
    expect(testEvents(all).map((t) => t.verdict)).toEqual(['accepted', 'accepted', 'wrong-answer']);
    expect(finishedOf(all)).toMatchObject({ verdict: 'wrong-answer', passed: 2, total: 3 });

    const tests: Array<[string, string]> = [SUM_TESTS[2] ?? ['', ''], ...SUM_TESTS.slice(0, 2)];
    const stopped = await submitAll(h().judge, submission('python', code, tests, { stopAtFirstFailure: true }));
    expect(testEvents(stopped).map((t) => t.verdict)).toEqual(['wrong-answer']);
    expect(finishedOf(stopped)).toMatchObject({ verdict: 'wrong-answer', passed: 0, total: 3 });
  });

  it('stops at the first failure without waiting for the tests already queued behind it', async () => {
    // Tests start ahead of the one being judged (TestPipeline): the ones behind a failure
    // are dropped with the container, never reported and never waited for.
    const code = 'import time\nif input() == "1":\n    print("wrong")\nelse:\n    time.sleep(30)\n';
    const started = performance.now();
    const events = await submitAll(
      h().judge,
      submission(
        'python',
        code,
        [
          ['1\n', 'right\n'],
          ['2\n', ''],
          ['3\n', ''],
        ],
        { stopAtFirstFailure: true },
      ),
    );
    expect(testEvents(events).map((t) => t.verdict)).toEqual(['wrong-answer']);
    expect(finishedOf(events)).toMatchObject({ verdict: 'wrong-answer', passed: 0, total: 3 });
    // The queued tests would reach their wall limit (4 s) if the job waited for them.
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('shows a sample test’s output, never a hidden one’s', async () => {
    const request = submission('python', 'print(input()[::-1])\n', [['abc\n', 'cba\n']], { sample: true });
    request.tests.push({ id: 'h', kind: 'hidden', input: 'secret\n', expectedOutput: 'nope\n' });
    const events = await submitAll(h().judge, request);
    const [sample, hidden] = testEvents(events);
    expect(sample).toMatchObject({ kind: 'sample', verdict: 'accepted', output: 'cba\n' });
    expect(hidden?.verdict).toBe('wrong-answer');
    expect(JSON.stringify(hidden)).not.toContain('terces');
    expect(JSON.stringify(events)).not.toContain('nope');
  });

  it('reports time limit with the CPU time measured inside the sandbox', async () => {
    const events = await submitAll(
      h().judge,
      submission('python', 'while True:\n    pass\n', [['', '']], { limits: { timeMs: 500, memoryMb: 256 } }),
    );
    const [test] = testEvents(events);
    expect(test?.verdict).toBe('time-limit');
    expect(test?.cpuMs).toBeGreaterThanOrEqual(500);
    expect(test?.cpuMs).toBeLessThan(1_500);
    expect(test?.message).toBe('CPU time limit of 500 ms exceeded.');
  });

  it('names the wall-clock limit (not the CPU time limit) when a sleeping program is stopped', async () => {
    const events = await submitAll(
      h().judge,
      submission('python', 'import time\ntime.sleep(60)\n', [['', '']], { limits: { timeMs: 500, memoryMb: 256 } }),
    );
    const [test] = testEvents(events);
    expect(test?.verdict).toBe('time-limit');
    // testWallMs(500): the wall-clock limit of a test is max(2 × CPU limit, CPU limit + 1 s).
    expect(test?.message).toBe('Wall-clock time limit of 1500 ms exceeded (real time; the CPU time limit is 500 ms).');
    expect(test?.cpuMs).toBeLessThan(500);
  });

  it('measures CPU time and peak memory of each test', async () => {
    const code = [
      'import time',
      'n = int(input())',
      'if n == 1:',
      '    data = bytearray(100 * 1024 * 1024)',
      '    for i in range(0, len(data), 4096): data[i] = 1',
      'else:',
      '    end = time.process_time() + 0.3',
      '    while time.process_time() < end: pass',
      'print("ok")',
      '',
    ].join('\n');
    const events = await submitAll(
      h().judge,
      submission('python', code, [
        ['1\n', 'ok\n'],
        ['2\n', 'ok\n'],
      ]),
    );
    const [memory, cpu] = testEvents(events);
    expect(memory?.verdict).toBe('accepted');
    expect(memory?.memoryKb).toBeGreaterThanOrEqual(90_000);
    expect(cpu?.verdict).toBe('accepted');
    expect(cpu?.cpuMs).toBeGreaterThanOrEqual(250);
    expect(cpu?.memoryKb).toBeLessThan(50_000);
    expect(cpu?.wallMs).toBeGreaterThanOrEqual(250);
  });

  it('reports memory limit', async () => {
    const code = 'hog = []\nwhile True:\n    hog.append(b"x" * (4 << 20))\n';
    const events = await submitAll(
      h().judge,
      submission('python', code, [['', '']], { limits: { timeMs: 5_000, memoryMb: 64 } }),
    );
    const [test] = testEvents(events);
    expect(test?.verdict).toBe('memory-limit');
    expect(test?.memoryKb).toBeGreaterThan(64 * 1024);
  });

  it('reports runtime errors with the exit code or the signal', async () => {
    const events = await submitAll(
      h().judge,
      submission('python', 'import ctypes, sys\nn = int(input())\nif n == 1: sys.exit(3)\nctypes.string_at(0)\n', [
        ['1\n', ''],
        ['2\n', ''],
      ]),
    );
    const [exit, segv] = testEvents(events);
    expect(exit).toMatchObject({ verdict: 'runtime-error', exitCode: 3 });
    expect(exit?.signal).toBeUndefined();
    expect(segv).toMatchObject({ verdict: 'runtime-error', signal: 'SIGSEGV' });
    expect(finishedOf(events).verdict).toBe('runtime-error');
  });

  it('reports output limit', async () => {
    const events = await submitAll(
      h().judge,
      submission('python', 'while True:\n    print("y" * 1000)\n', [['', 'y']]),
    );
    expect(testEvents(events)[0]?.verdict).toBe('output-limit');
  });

  it('reports a compilation error with the compiler’s message, and runs no test', async () => {
    const events = await submitAll(h().judge, submission('c', 'int main(void) { return nope; }\n', SUM_TESTS));
    expect(events.map((e) => e.type)).toEqual(['compiling', 'compiled', 'finished']);
    const compiled = events[1];
    expect(compiled).toMatchObject({ type: 'compiled', ok: false });
    expect(compiled?.type === 'compiled' && compiled.message).toContain('nope');
    expect(finishedOf(events)).toMatchObject({ verdict: 'compilation-error', passed: 0, total: 3 });
  });

  it('compiles once and judges a compiled language', async () => {
    const code = '#include <stdio.h>\nint main(void){long a,b;scanf("%ld %ld",&a,&b);printf("%ld\\n",a+b);}\n';
    const events = await submitAll(h().judge, submission('c', code, SUM_TESTS));
    expect(events.map((e) => e.type)).toEqual(['compiling', 'compiled', 'test', 'test', 'test', 'finished']);
    expect(finishedOf(events)).toMatchObject({ verdict: 'accepted', passed: 3 });
    expect(finishedOf(events).compileMs).toBeGreaterThan(0);
  });

  it('uses the float checker with tolerances', async () => {
    const request = submission('python', 'print(1/3)\n', [['', '0.333333']], {
      checker: { type: 'float', absTolerance: 1e-6, relTolerance: 0 },
    });
    expect(finishedOf(await submitAll(h().judge, request)).verdict).toBe('accepted');
  });
});
