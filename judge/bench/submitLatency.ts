import { createDockerJudge } from '../src/DockerJudge.ts';
import { type LatencySummary, summarize } from './stats.ts';
import { fiftyTestPythonProblem } from './submitThroughput.ts';

/**
 * One 50-test Python submission on an idle judge with a warm pool: from calling
 * `judge.submit` to its `finished` event (no queueing). One warm-up is not counted.
 */
export async function measureSubmitLatency(options: { samples?: number } = {}): Promise<LatencySummary> {
  const judge = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 1, prewarm: ['python'] });
  try {
    const times: number[] = [];
    for (let i = 0; i <= (options.samples ?? 5); i++) {
      await judge.pool.settled();
      const started = performance.now();
      for await (const event of judge.submit(fiftyTestPythonProblem(), new AbortController().signal)) {
        if (event.type === 'finished' && event.verdict !== 'accepted')
          throw new Error(`not accepted: ${event.verdict}`);
      }
      if (i > 0) times.push(performance.now() - started);
    }
    return summarize(times);
  } finally {
    await judge.close();
  }
}
