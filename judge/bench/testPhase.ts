import type { LanguageId, SubmitRequest } from '@codestream/shared';
import { createDockerJudge } from '../src/DockerJudge.ts';
import { percentile } from './stats.ts';

/** When one submission's events were seen at the judge (performance.now(), ms). */
interface PhaseTimes {
  /** The `compiled` event (compiled languages), else undefined. */
  compiledAt: number | undefined;
  /** Each `test` event, in order. */
  testAt: number[];
}

export interface TestPhaseResult {
  /** Submissions judged at once in each round. */
  concurrency: number;
  rounds: number;
  testsPerSubmission: number;
  /** Tests judged per second of test-phase time (union over a round's submissions): p50 over rounds. */
  testsPerSecondP50: number;
  testsPerSecondMin: number;
  testsPerSecondMax: number;
  /** 1000 / tests per second of one round, p50: the judge's time per test. */
  perTestP50Ms: number;
}

/** Length of the union of [from, to] spans (ms). */
function unionMs(spans: number[][]): number {
  let total = 0;
  let reached = Number.NEGATIVE_INFINITY;
  for (const [from = 0, to = 0] of [...spans].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))) {
    total += Math.max(0, to - Math.max(from, reached));
    reached = Math.max(reached, to);
  }
  return total;
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
 * Tests per second in the test phase of 50-test submissions, compile excluded, on a
 * judge with a warm pool and `concurrency` slots: each round submits `concurrency`
 * copies at once (after one warm-up round, not counted), each finding a started
 * container. A submission's test phase runs from its `compiled` event to its last test's
 * verdict, or from its first test's verdict when nothing is compiled (that test is then
 * not counted); the rate is the tests of a round over the time during which at least one
 * of its submissions was in its test phase.
 */
export async function measureTestPhase(options: {
  request: SubmitRequest;
  concurrency?: number;
  rounds?: number;
}): Promise<TestPhaseResult> {
  const { request } = options;
  const concurrency = options.concurrency ?? 1;
  const judge = await createDockerJudge({
    sweepIntervalMs: 0,
    maxConcurrentRuns: concurrency,
    poolSize: concurrency,
    prewarm: [request.language],
  });
  const judgeOne = async (): Promise<PhaseTimes> => {
    const times: PhaseTimes = { compiledAt: undefined, testAt: [] };
    for await (const event of judge.submit(request, new AbortController().signal)) {
      const now = performance.now();
      if (event.type === 'compiled') times.compiledAt = now;
      if (event.type === 'test') times.testAt.push(now);
      if (event.type === 'finished' && event.verdict !== 'accepted') {
        throw new Error(`not accepted: ${event.verdict} ${event.message ?? ''}`);
      }
    }
    return times;
  };
  try {
    const rates: number[] = [];
    for (let i = 0; i <= (options.rounds ?? 5); i++) {
      await judge.pool.settled();
      const round = await Promise.all(Array.from({ length: concurrency }, judgeOne));
      const judged = round.reduce((sum, p) => sum + p.testAt.length - (p.compiledAt === undefined ? 1 : 0), 0);
      const spans = round.map((p) => [p.compiledAt ?? p.testAt[0] ?? Number.NaN, p.testAt.at(-1) ?? Number.NaN]);
      if (i > 0) rates.push((judged * 1000) / unionMs(spans));
    }
    return {
      concurrency,
      rounds: rates.length,
      testsPerSubmission: request.tests.length,
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
