import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, python } from './harness.ts';

describeEachJudge('streaming output', (h) => {
  it.each([
    ['python', 'import time\nprint("first")\ntime.sleep(1.5)\nprint("second")\n'],
    ['javascript', 'console.log("first");\nsetTimeout(() => console.log("second"), 1500);\n'],
  ] as const)('delivers %s output while the program still runs', async (language, code) => {
    const received = await collect(h().judge, { language, code, stdin: '' });
    const outputs = received.filter(({ event }) => event.type === 'output');
    const text = (list: typeof received) =>
      list.map(({ event }) => (event.type === 'output' ? event.data : '')).join('');
    const exitAt = received.at(-1)?.at ?? 0;
    expect(text(outputs)).toBe('first\nsecond\n');
    // "second" is printed 1.5 s after "first". Everything received more than a second
    // before the exit must be exactly "first\n": had output waited for the end of the run
    // (or for more output), nothing would arrive that early. (python -u may write the
    // newline separately, so "first" can span two events.)
    expect(text(outputs.filter(({ at }) => at < exitAt - 1_000))).toBe('first\n');
    expect(exitOf(received).outcome).toBe('exited');
  });

  it('keeps event order: started, outputs, exit', async () => {
    const received = await collect(
      h().judge,
      python('import sys\nfor i in range(5):\n    print(i, flush=True)\n    print(-i, file=sys.stderr, flush=True)\n'),
    );
    const types = received.map(({ event }) => event.type);
    expect(types[0]).toBe('started');
    expect(types.at(-1)).toBe('exit');
    expect(new Set(types.slice(1, -1))).toEqual(new Set(['output']));
  });
});
