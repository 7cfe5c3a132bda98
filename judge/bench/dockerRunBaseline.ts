import { spawn } from 'node:child_process';
import { SANDBOX_IMAGE } from '@codestream/shared';
import { type LatencySummary, summarize } from './stats.ts';

/**
 * Baseline: `docker run --rm` of the same python hello in the sandbox image, from
 * spawning the docker CLI to the first byte on its stdout (no judge involved; the
 * CLI's own start-up is included, as it would be for a naive judge).
 */
export async function measureDockerRunBaseline(options: { samples?: number } = {}): Promise<LatencySummary> {
  const times: number[] = [];
  const count = options.samples ?? 15;
  for (let i = 0; i <= count; i++) {
    const started = performance.now();
    const first = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        'docker',
        [
          'run',
          '--rm',
          '--network',
          'none',
          '--user',
          '10001:10001',
          SANDBOX_IMAGE,
          '/usr/bin/python3',
          '-c',
          'print("hi")',
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let at = 0;
      child.stdout.once('data', () => {
        at = performance.now();
      });
      child.stdout.resume();
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 && at > 0 ? resolve(at) : reject(new Error(`docker run exited ${code}`)),
      );
    });
    if (i > 0) times.push(first - started);
  }
  return summarize(times);
}
