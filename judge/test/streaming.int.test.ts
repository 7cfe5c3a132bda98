import type { LanguageId } from '@codestream/shared';
import { expect, it } from 'vitest';
import { PRINT_SLEEP_PRINT } from '../../test/support/printSleepPrint.ts';
import { collect, describeEachJudge, describeInProcessJudge, exitOf, python } from './harness.ts';

// Per language through one judge (twenty languages; the HTTP hop streams any alike).
describeInProcessJudge('streaming output', (h) => {
  it.each(Object.entries(PRINT_SLEEP_PRINT) as [LanguageId, string][])(
    'delivers %s output while the program still runs',
    async (language, code) => {
      const received = await collect(h().judge, { language, code, stdin: '' });
      const outputs = received.filter(({ event }) => event.type === 'output');
      const text = (list: typeof received) =>
        list.map(({ event }) => (event.type === 'output' ? event.data : '')).join('');
      const exitAt = received.at(-1)?.at ?? 0;
      expect(text(outputs)).toBe('first\nsecond\n');
      // "second" is printed a second after "first". Everything received more than 500 ms
      // before the exit must be exactly "first\n": had output waited for the end of the run
      // (or for more output), nothing would arrive that early. (python -u may write the
      // newline separately, so "first" can span two events.)
      expect(text(outputs.filter(({ at }) => at < exitAt - 500))).toBe('first\n');
      expect(exitOf(received).outcome).toBe('exited');
    },
  );
});

describeEachJudge('streamed events', (h) => {
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
