import type { LanguageId, SubmitRequest } from '@codestream/shared';
import { createDockerJudge } from '../src/DockerJudge.ts';
import { percentile } from './stats.ts';

/** When each phase of one submission was seen at the judge (performance.now(), ms). */
interface PhaseTimes {
  /** The `compiled` event (compiled languages), else undefined. */
  compiledAt: number | undefined;
  /** Each `test` event, in order. */
  testAt: number[];
  finishedAt: number;
}

export interface TestPhaseResult {
  submissions: number;
  testsPerSubmission: number;
  /** Test phase only: from `compiled` (or the first test's verdict) to `finished`. */
  testsPerSecondP50: number;
  testsPerSecondMin: number;
  testsPerSecondMax: number;
  /** Mean time from one test's verdict to the next, per submission: p50 over submissions. */
  perTestP50Ms: number;
}

/** A 50-test problem ("read n, print n + 1") in the given language, trivially accepted. */
export function fiftyTestProblem(language: LanguageId, code: string): SubmitRequest {
  return {
    language,
    code,
    tests: Array.from({ length: 50 }, (_, i) => ({
      id: `t${i}`,
      kind: 'hidden' as const,
      input: `${i}\n`,
      expectedOutput: `${i + 1}\n`,
    })),
    checker: { type: 'tokens' },
    limits: { timeMs: 2_000, memoryMb: 256 },
    stopAtFirstFailure: true,
  };
}

export const C_ADD_ONE =
  '#include <stdio.h>\nint main(void) {\n    int n;\n    if (scanf("%d", &n) != 1) return 1;\n    printf("%d\\n", n + 1);\n    return 0;\n}\n';

/**
 * The test phase of a 50-test submission on an idle judge with a warm pool, compile
 * excluded: submitted `samples` times one after the other (one warm-up not counted).
 * For a compiled language the phase runs from the `compiled` event to `finished`; for
 * an interpreted one (no compile event) from the first test's verdict to the last, over
 * the 49 tests after the first.
 */
export async function measureTestPhase(options: {
  request: SubmitRequest;
  samples?: number;
}): Promise<TestPhaseResult> {
  const { request } = options;
  const judge = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 1, prewarm: [request.language] });
  try {
    const phases: PhaseTimes[] = [];
    for (let i = 0; i <= (options.samples ?? 5); i++) {
      await judge.pool.settled();
      const times: PhaseTimes = { compiledAt: undefined, testAt: [], finishedAt: 0 };
      for await (const event of judge.submit(request, new AbortController().signal)) {
        const now = performance.now();
        if (event.type === 'compiled') times.compiledAt = now;
        if (event.type === 'test') times.testAt.push(now);
        if (event.type === 'finished') {
          if (event.verdict !== 'accepted') throw new Error(`not accepted: ${event.verdict} ${event.message ?? ''}`);
          times.finishedAt = now;
        }
      }
      if (i > 0) phases.push(times);
    }
    const tests = request.tests.length;
    const rates = phases.map((p) => {
      const first = p.testAt[0] ?? Number.NaN;
      const last = p.testAt[p.testAt.length - 1] ?? Number.NaN;
      return p.compiledAt === undefined
        ? ((tests - 1) * 1000) / (last - first)
        : (tests * 1000) / (p.finishedAt - p.compiledAt);
    });
    return {
      submissions: phases.length,
      testsPerSubmission: tests,
      testsPerSecondP50: Math.round(percentile(rates, 50)),
      testsPerSecondMin: Math.round(Math.min(...rates)),
      testsPerSecondMax: Math.round(Math.max(...rates)),
      perTestP50Ms: percentile(
        rates.map((r) => 1000 / r),
        50,
      ),
    };
  } finally {
    await judge.close();
  }
}
