import { expect, it } from 'vitest';
import { describeInProcessJudge, expectJudgeStillWorks, finishedOf, submission, submitAll } from '../harness.ts';

const COMPILE_TIME_MS = 3_000;

function compiledEvent(events: Awaited<ReturnType<typeof submitAll>>) {
  const compiled = events.find((e) => e.type === 'compiled');
  if (compiled?.type !== 'compiled') throw new Error(`no compiled event: ${JSON.stringify(events)}`);
  return compiled;
}

describeInProcessJudge(
  'hostile programs: the compiler',
  (h) => {
    it('stops `#include </dev/random>` at the compile limits', async () => {
      const started = performance.now();
      const events = await submitAll(h().judge, submission('c', '#include </dev/random>\n', [['', '']]));
      expect(finishedOf(events).verdict).toBe('compilation-error');
      expect(compiledEvent(events)).toMatchObject({ ok: false });
      expect(compiledEvent(events).message).toMatch(
        /longer than 3 s|ran out of memory|used more than its 768 MB|Compilation failed/,
      );
      expect(performance.now() - started).toBeLessThan(COMPILE_TIME_MS * 1.5 + 5_000);
      await expectJudgeStillWorks(h().judge);
    });

    it('stops a template explosion at the compile time limit', async () => {
      const code = [
        '#include <tuple>',
        'template <int N, class T> struct D { using type = typename D<N - 1, std::tuple<T, T, T>>::type; };',
        'template <class T> struct D<0, T> { using type = T; };',
        'int main() { typename D<40, int>::type x{}; (void)x; }',
        '',
      ].join('\n');
      const started = performance.now();
      const events = await submitAll(h().judge, submission('cpp', code, [['', '']]));
      expect(finishedOf(events).verdict).toBe('compilation-error');
      expect(compiledEvent(events).message).toMatch(
        /longer than 3 s|ran out of memory|used more than its 768 MB|Compilation failed/,
      );
      expect(performance.now() - started).toBeLessThan(COMPILE_TIME_MS * 1.5 + 5_000);
    });

    it('caps a compiler message megabytes long', async () => {
      // Distinct names: gcc reports each undeclared identifier once.
      const lines = Array.from({ length: 12_000 }, (_, i) => `undefined_name_here_${i};`).join('\n');
      const code = `int main(void) {\n${lines}\n}\n`;
      const events = await submitAll(h().judge, submission('c', code, [['', '']]));
      expect(finishedOf(events).verdict).toBe('compilation-error');
      const message = compiledEvent(events).message ?? '';
      expect(message).toContain('undefined_name_here');
      expect(Buffer.byteLength(message)).toBeLessThanOrEqual(64 * 1024 + 200);
      expect(Buffer.byteLength(message)).toBeGreaterThan(60 * 1024);
    });
  },
  { compileTimeMs: COMPILE_TIME_MS },
);
