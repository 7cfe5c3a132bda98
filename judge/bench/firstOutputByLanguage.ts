import { LANGUAGES } from '@codestream/shared';
import { createDockerJudge } from '../src/DockerJudge.ts';
import { type LatencySummary, summarize } from './stats.ts';

export interface LanguageFirstOutput extends LatencySummary {
  language: string;
  /** Whether Run compiles first (its time is then part of the figure). */
  compiled: boolean;
}

/**
 * Run → first output at the judge for every language of the catalog, each running its
 * own template (what a new room starts with) on one line of stdin. The judge keeps a warm
 * pool of 1 per language, all filled before the first run, and each sample waits for its
 * language's refill, as Run finds it when runs are not back to back. For compiled
 * languages Run compiles on every press, so their figure includes the compile.
 */
export async function measureFirstOutputByLanguage(options: { samples?: number } = {}): Promise<LanguageFirstOutput[]> {
  const judge = await createDockerJudge({
    sweepIntervalMs: 0,
    poolSize: 1,
    prewarm: LANGUAGES.map((l) => l.id),
  });
  try {
    const results: LanguageFirstOutput[] = [];
    for (const language of LANGUAGES) {
      const times: number[] = [];
      for (let i = 0; i <= (options.samples ?? 5); i++) {
        await judge.pool.settled();
        const started = performance.now();
        let first = 0;
        for await (const event of judge.run(
          { language: language.id, code: language.template, stdin: 'bench\n' },
          new AbortController().signal,
        )) {
          if (event.type === 'output' && first === 0) first = performance.now();
          if (event.type === 'exit' && event.outcome !== 'exited') {
            throw new Error(`${language.id} run failed: ${event.outcome} ${event.message ?? ''}`);
          }
        }
        if (first === 0) throw new Error(`the ${language.id} run printed nothing`);
        if (i > 0) times.push(first - started);
      }
      results.push({ language: language.id, compiled: 'compile' in language, ...summarize(times) });
    }
    return results;
  } finally {
    await judge.close();
  }
}
