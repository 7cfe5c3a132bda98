import { createDockerJudge, type DockerJudgeOptions } from '../src/DockerJudge.ts';
import { type LatencySummary, summarize } from './stats.ts';

export const HELLO_PYTHON = 'print("hi")\n';

/**
 * Run → first output byte, measured at the judge: from calling `judge.run` to the first
 * `output` event, for a python hello. `pooled`: a warm pool of 1 (each sample waits for
 * the refill, so every run finds a started container); else every run starts its own
 * container (the cold path). One warm-up run is not counted.
 */
export async function measureRunFirstOutput(options: {
  pooled: boolean;
  samples?: number;
  judge?: DockerJudgeOptions;
}): Promise<LatencySummary> {
  const judge = await createDockerJudge({
    sweepIntervalMs: 0,
    poolSize: options.pooled ? 1 : 0,
    prewarm: options.pooled ? ['python'] : [],
    ...options.judge,
  });
  try {
    const times: number[] = [];
    const count = options.samples ?? 30;
    for (let i = 0; i <= count; i++) {
      await judge.pool.settled();
      const started = performance.now();
      let first = 0;
      for await (const event of judge.run(
        { language: 'python', code: HELLO_PYTHON, stdin: '' },
        new AbortController().signal,
      )) {
        if (event.type === 'output' && first === 0) first = performance.now();
        if (event.type === 'exit' && event.outcome !== 'exited') throw new Error(`run failed: ${event.message}`);
      }
      if (first === 0) throw new Error('the run printed nothing');
      if (i > 0) times.push(first - started);
    }
    return summarize(times);
  } finally {
    await judge.close();
  }
}
