import { type ConfigOf, key, loadConfig, optionalKey, parsers } from '@codestream/shared';
import type { DockerJudgeOptions } from './DockerJudge.ts';

function positiveNumber(max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || n > max) throw new Error(`expected a number above 0 and at most ${max}`);
    return n;
  };
}

function token(raw: string): string {
  // A short token can be guessed by anyone who can reach the port.
  if (raw.length < 16) throw new Error('expected at least 16 characters');
  return raw;
}

/**
 * Sandbox limits of the in-process judge. The `*_LIMIT`/`_MB`/`_BYTES` keys are both the
 * default of a run and the maximum a request may ask for. room-server may spread this
 * table into its own so one env configures the in-process judge.
 */
export const sandboxConfigTable = {
  JUDGE_TIME_LIMIT_MS: key(
    'Wall-clock limit of one run (default and maximum), in ms.',
    10_000,
    parsers.integer(100, 600_000),
  ),
  JUDGE_MEMORY_MB: key(
    'Memory limit (memory + swap) of one run (default and maximum), in MB.',
    256,
    parsers.integer(16, 16_384),
  ),
  JUDGE_OUTPUT_LIMIT_BYTES: key(
    'Bytes kept per stream (stdout, stderr) before a run is stopped (default and maximum).',
    65_536,
    parsers.integer(1, 16 * 1024 * 1024),
  ),
  JUDGE_PIDS_LIMIT: key('Processes and threads one run may have at once.', 64, parsers.integer(8, 4096)),
  JUDGE_CPUS: key('CPUs one run may use (fractions allowed).', 1, positiveNumber(64)),
  JUDGE_WORK_DIR_MB: key(
    'Size of the writable /work tmpfs of a run, in MB (counts toward its memory).',
    64,
    parsers.integer(1, 4096),
  ),
  JUDGE_MAX_CONCURRENT_RUNS: key('Runs executed at once; further runs wait in a queue.', 4, parsers.integer(1, 256)),
};

/** Keys of the standalone judge service (judge/src/main.ts) on top of the sandbox table. */
export const judgeServiceConfigTable = {
  ...sandboxConfigTable,
  JUDGE_HOST: key('Interface the standalone judge service listens on.', '127.0.0.1', parsers.string),
  JUDGE_PORT: key('Port of the standalone judge service (0 picks a free one).', 8081, parsers.integer(0, 65_535)),
  JUDGE_TOKEN: optionalKey('Bearer token clients of the standalone judge service must send (required by it).', token),
};

export type SandboxConfig = ConfigOf<typeof sandboxConfigTable>;
export type JudgeServiceConfig = ConfigOf<typeof judgeServiceConfigTable>;

export function loadSandboxConfig(env: Record<string, string | undefined>): SandboxConfig {
  return loadConfig(sandboxConfigTable, env);
}

export function loadJudgeServiceConfig(env: Record<string, string | undefined>): JudgeServiceConfig {
  return loadConfig(judgeServiceConfigTable, env);
}

/** Maps the sandbox keys to DockerJudge options (the Docker connection is left to dockerode's defaults: DOCKER_HOST or the local socket). */
export function dockerJudgeOptionsFromConfig(config: SandboxConfig): DockerJudgeOptions {
  return {
    maxLimits: {
      timeMs: config.JUDGE_TIME_LIMIT_MS,
      memoryMb: config.JUDGE_MEMORY_MB,
      outputBytes: config.JUDGE_OUTPUT_LIMIT_BYTES,
    },
    pidsLimit: config.JUDGE_PIDS_LIMIT,
    cpus: config.JUDGE_CPUS,
    workDirMb: config.JUDGE_WORK_DIR_MB,
    maxConcurrentRuns: config.JUDGE_MAX_CONCURRENT_RUNS,
  };
}
