import { createDockerJudge } from '../src/DockerJudge.ts';
import { timeStartsInSandbox } from './interpreterStart.ts';
import { percentile } from './stats.ts';
import { fiftyTestPythonProblem } from './submitThroughput.ts';

export interface PythonOverhead {
  rounds: number;
  /** The judge's time per test of a 50-test Python submission, p50 over rounds (ms). */
  perTestP50Ms: number;
  /** `python3 -c pass` inside a sandbox, timed right after each submission: p50 over rounds (ms). */
  pythonPassP50Ms: number;
  /** Per round, time per test minus that round's `python3 -c pass`: p50, min and max (ms). */
  overheadP50Ms: number;
  overheadMinMs: number;
  overheadMaxMs: number;
  /** Per round, time per test ÷ that round's `python3 -c pass`: p50, min and max. */
  ratioP50: number;
  ratioMin: number;
  ratioMax: number;
}

/**
 * The judge's per-test overhead beyond Python's own start, robust to a host whose speed
 * changes from one minute to the next: each round judges the 50-test Python problem
 * (time per test: from the first test's verdict to the last, over the 49 tests after
 * the first), then at once times `python3 -c pass` (median of 15) in a sandbox of the
 * same image and limits, and compares the two. One judge, one submission at a time.
 */
export async function measurePythonOverhead(options: { rounds?: number } = {}): Promise<PythonOverhead> {
  const judge = await createDockerJudge({ sweepIntervalMs: 0, maxConcurrentRuns: 1, poolSize: 1, prewarm: ['python'] });
  const request = fiftyTestPythonProblem();
  const perTest: number[] = [];
  const pass: number[] = [];
  try {
    for (let round = 0; round <= (options.rounds ?? 7); round++) {
      await judge.pool.settled();
      const at: number[] = [];
      for await (const event of judge.submit(request, new AbortController().signal)) {
        if (event.type === 'test') at.push(performance.now());
        if (event.type === 'finished' && event.verdict !== 'accepted')
          throw new Error(`not accepted: ${event.verdict}`);
      }
      const baseline = await timeStartsInSandbox(judge, 15);
      if (round === 0) continue; // warm-up
      perTest.push(((at.at(-1) ?? 0) - (at[0] ?? 0)) / (at.length - 1));
      pass.push(baseline.pythonPassMs);
    }
  } finally {
    await judge.close();
  }
  const overhead = perTest.map((ms, i) => ms - (pass[i] ?? Number.NaN));
  const ratio = perTest.map((ms, i) => ms / (pass[i] ?? Number.NaN));
  const hundredths = (x: number) => Math.round(x * 100) / 100;
  return {
    rounds: perTest.length,
    perTestP50Ms: percentile(perTest, 50),
    pythonPassP50Ms: percentile(pass, 50),
    overheadP50Ms: percentile(overhead, 50),
    overheadMinMs: hundredths(Math.min(...overhead)),
    overheadMaxMs: hundredths(Math.max(...overhead)),
    ratioP50: hundredths([...ratio].sort((a, b) => a - b)[Math.ceil(ratio.length / 2) - 1] ?? Number.NaN),
    ratioMin: hundredths(Math.min(...ratio)),
    ratioMax: hundredths(Math.max(...ratio)),
  };
}
