import { createDockerJudge, type DockerJudge } from '../src/DockerJudge.ts';

export interface InterpreterStart {
  /** Median ms of `python3 -c pass`, started and waited for inside a sandbox container. */
  pythonPassMs: number;
  /** Median ms of `/bin/true` the same way: the cost of a process start alone. */
  binTrueMs: number;
  samples: number;
}

/** Times the two starts from Python inside the sandbox: fork + exec + exit + wait, nothing of the judge. */
const TIME_STARTS = `import json, subprocess, time
def median_ms(argv, n):
    subprocess.run(argv)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        subprocess.run(argv)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return times[n // 2]
n = int(input())
print(json.dumps({"python": median_ms(["/usr/bin/python3", "-c", "pass"], n), "true": median_ms(["/bin/true"], n)}))
`;

/**
 * The baseline of the per-test overhead: how long Python takes to start and exit on its
 * own, measured inside a sandbox container of a judge like the one measured (same image,
 * same hardening and limits; a Run from its warm pool), in the same bench run.
 */
export async function measureInterpreterStart(options: { samples?: number } = {}): Promise<InterpreterStart> {
  const samples = options.samples ?? 31;
  const judge = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 1, prewarm: ['python'] });
  try {
    return await timeStartsInSandbox(judge, samples);
  } finally {
    await judge.close();
  }
}

/** The two starts timed by a Run of `judge` (which keeps a warm python pool). */
export async function timeStartsInSandbox(judge: DockerJudge, samples: number): Promise<InterpreterStart> {
  await judge.pool.settled();
  let stdout = '';
  for await (const event of judge.run(
    { language: 'python', code: TIME_STARTS, stdin: `${samples}\n`, limits: { timeMs: 10_000 } },
    new AbortController().signal,
  )) {
    if (event.type === 'output' && event.stream === 'stdout') stdout += event.data;
    if (event.type === 'exit' && event.outcome !== 'exited') throw new Error(`timing run failed: ${event.message}`);
  }
  const timed = JSON.parse(stdout) as { python: number; true: number };
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { pythonPassMs: round(timed.python), binTrueMs: round(timed.true), samples };
}
