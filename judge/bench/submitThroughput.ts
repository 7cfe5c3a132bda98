import { availableParallelism } from 'node:os';
import type { SubmitRequest } from '@codestream/shared';
import { createDockerJudge } from '../src/DockerJudge.ts';
import { percentile } from './stats.ts';
import { fiftyTestProblem } from './testPhase.ts';

export interface ThroughputResult {
  concurrency: number;
  submissions: number;
  testsPerSubmission: number;
  /** Tests judged per second over the whole batch. */
  testsPerSecond: number;
  /** Request → `finished` of one submission. */
  submissionP50Ms: number;
  submissionMaxMs: number;
}

/** A 50-test Python problem with a trivial (accepted) solution. */
export function fiftyTestPythonProblem(queueKey?: string): SubmitRequest {
  return { ...fiftyTestProblem('python', 'n = int(input())\nprint(n + 1)\n'), queueKey };
}

/**
 * Submits `rounds × concurrency` copies of the 50-test problem at once (each from its
 * own room) to a judge with that concurrency and the default warm pool, and reports
 * tests judged per second. One warm-up submission fills the pool first.
 */
export async function measureSubmitThroughput(options: {
  concurrency?: number;
  rounds?: number;
}): Promise<ThroughputResult> {
  const concurrency = options.concurrency ?? availableParallelism();
  const judge = await createDockerJudge({
    sweepIntervalMs: 0,
    maxConcurrentRuns: concurrency,
    poolSize: 1,
    prewarm: ['python'],
  });
  const judgeOne = async (request: SubmitRequest): Promise<number> => {
    const started = performance.now();
    for await (const event of judge.submit(request, new AbortController().signal)) {
      if (event.type === 'finished' && event.verdict !== 'accepted') {
        throw new Error(`submission not accepted: ${event.verdict} ${event.message ?? ''}`);
      }
    }
    return performance.now() - started;
  };
  try {
    await judge.pool.settled();
    await judgeOne(fiftyTestPythonProblem('warm-up'));
    await judge.pool.settled();
    const count = concurrency * (options.rounds ?? 3);
    const started = performance.now();
    const durations = await Promise.all(
      Array.from({ length: count }, (_, i) => judgeOne(fiftyTestPythonProblem(`room-${i}`))),
    );
    const elapsedS = (performance.now() - started) / 1000;
    return {
      concurrency,
      submissions: count,
      testsPerSubmission: 50,
      testsPerSecond: Math.round((count * 50) / elapsedS),
      submissionP50Ms: percentile(durations, 50),
      submissionMaxMs: Math.round(Math.max(...durations)),
    };
  } finally {
    await judge.close();
  }
}
