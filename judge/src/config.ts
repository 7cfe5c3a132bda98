import { availableParallelism, hostname } from 'node:os';
import {
  ConfigError,
  type ConfigOf,
  key,
  loadConfig,
  operationsConfigProblems,
  operationsConfigTable,
  optionalKey,
  parsers,
} from '@codestream/shared';
import type { DockerJudgeOptions } from './DockerJudge.ts';

function positiveNumber(max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || n > max) throw new Error(`expected a number above 0 and at most ${max}`);
    return n;
  };
}

function languageList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Sandbox limits of the in-process judge. The `*_LIMIT`/`_MB`/`_BYTES` keys are both the
 * default of a run and the maximum a request may ask for. room-server may spread this
 * table into its own so one env configures the in-process judge.
 */
export const sandboxConfigTable = {
  JUDGE_TIME_LIMIT_MS: key(
    'Time limit of one run or one test (default and maximum), in ms.',
    10_000,
    parsers.integer(100, 600_000),
  ),
  JUDGE_IDLE_LIMIT_MS: key(
    'How long a Run with live input may wait for input (stdin open, all input read, no CPU used) before it is stopped, in ms; waiting does not count toward the time limit.',
    120_000,
    parsers.integer(1_000, 3_600_000),
  ),
  JUDGE_MEMORY_MB: key(
    'Memory limit of one Run (default and maximum), in MB: peak resident memory of its largest process.',
    256,
    parsers.integer(16, 16_384),
  ),
  JUDGE_SUBMIT_MAX_MEMORY_MB: key(
    'Largest per-test memory limit a submission may ask for, in MB (problems allow up to 1024).',
    1024,
    parsers.integer(16, 16_384),
  ),
  JUDGE_OUTPUT_LIMIT_BYTES: key(
    'Bytes kept per stream (stdout, stderr) of a Run before it is stopped (default and maximum).',
    65_536,
    parsers.integer(1, 16 * 1024 * 1024),
  ),
  JUDGE_SUBMIT_OUTPUT_LIMIT_BYTES: key(
    'Bytes one judged test may print to stdout, and again to stderr; more on either is an output-limit verdict.',
    8 * 1024 * 1024,
    parsers.integer(1024, 64 * 1024 * 1024),
  ),
  JUDGE_COMPILE_TIME_LIMIT_MS: key(
    'CPU time of a compile step, in ms (its wall-clock limit is 1.5× this).',
    10_000,
    parsers.integer(1_000, 120_000),
  ),
  JUDGE_COMPILE_MEMORY_MB: key(
    'Memory a compiler may use, in MB: peak resident memory of its largest process, past which the build is stopped (a compile error); with the largest test limit, it sizes every sandbox container.',
    768,
    parsers.integer(64, 16_384),
  ),
  JUDGE_PIDS_LIMIT: key('Processes and threads one sandbox may have at once.', 64, parsers.integer(8, 4096)),
  JUDGE_CPUS: key('CPUs one sandbox may use (fractions allowed).', 1, positiveNumber(64)),
  JUDGE_WORK_DIR_MB: key(
    'Size of the writable /work tmpfs of a sandbox, in MB (counts toward its memory).',
    64,
    parsers.integer(1, 4096),
  ),
  JUDGE_MAX_CONCURRENT_RUNS: key(
    'Runs and submissions executed at once (default: the number of cores); further ones wait in a queue fair between rooms.',
    availableParallelism(),
    parsers.integer(1, 256),
  ),
  JUDGE_MAX_QUEUED: key(
    'Runs and submissions that may wait for a slot; beyond that they are refused at once.',
    200,
    parsers.integer(0, 100_000),
  ),
  JUDGE_POOL_SIZE: key(
    'Started sandbox containers kept waiting per language once it was used (0 disables the warm pool).',
    1,
    parsers.integer(0, 16),
  ),
  JUDGE_POOL_PREWARM: key(
    'Comma-separated language ids whose pool is filled at start, before their first run.',
    [] as string[],
    languageList,
  ),
};

/** Keys of the standalone judge service (judge/src/main.ts) on top of the sandbox table. */
export const judgeServiceConfigTable = {
  ...sandboxConfigTable,
  ...operationsConfigTable,
  JUDGE_HOST: key('Interface the standalone judge service listens on.', '127.0.0.1', parsers.string),
  JUDGE_PORT: key('Port of the standalone judge service (0 picks a free one).', 8081, parsers.integer(0, 65_535)),
  JUDGE_TOKEN: optionalKey(
    'Bearer token clients of the standalone judge service must send (required by it).',
    parsers.secret(16),
  ),
};

/** A Docker label value and part of Redis key names: short, no separators or spaces. */
function workerId(raw: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(raw)) {
    throw new Error('expected 1 to 64 letters, digits, dots, dashes or underscores');
  }
  return raw;
}

/**
 * Keys of a judge worker (judge/src/worker.ts) on top of the sandbox table. There,
 * JUDGE_MAX_CONCURRENT_RUNS is how many jobs the worker takes from the queue at once;
 * JUDGE_MAX_QUEUED is not used (jobs wait in Redis, bounded by the room-servers).
 */
export const judgeWorkerConfigTable = {
  ...sandboxConfigTable,
  ...operationsConfigTable,
  REDIS_URL: optionalKey(
    'Redis that carries the judge queue (required by a judge worker; the room-servers use the same one).',
    parsers.url(['redis:', 'rediss:']),
  ),
  JUDGE_WORKER_ID: optionalKey(
    "Stable id of this judge worker, unique among live workers: written on every sandbox container it creates, and a starting worker removes every container carrying its id. Unset: the machine's host name.",
    workerId,
  ),
};

export type SandboxConfig = ConfigOf<typeof sandboxConfigTable>;
export type JudgeServiceConfig = ConfigOf<typeof judgeServiceConfigTable>;
export type JudgeWorkerConfig = ConfigOf<typeof judgeWorkerConfigTable> & {
  REDIS_URL: string;
  JUDGE_WORKER_ID: string;
};

export function loadSandboxConfig(env: Record<string, string | undefined>): SandboxConfig {
  return loadConfig(sandboxConfigTable, env);
}

export function loadJudgeServiceConfig(env: Record<string, string | undefined>): JudgeServiceConfig {
  const config = loadConfig(judgeServiceConfigTable, env);
  const problems = operationsConfigProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The worker's keys, REDIS_URL required and JUDGE_WORKER_ID defaulted to the host name. */
export function loadJudgeWorkerConfig(env: Record<string, string | undefined>): JudgeWorkerConfig {
  const config = loadConfig(judgeWorkerConfigTable, env);
  const redisUrl = config.REDIS_URL;
  const problems = operationsConfigProblems(config);
  if (!redisUrl) problems.push('REDIS_URL is required: a judge worker takes its jobs from Redis');
  if (problems.length > 0 || !redisUrl) throw new ConfigError(problems);
  return { ...config, REDIS_URL: redisUrl, JUDGE_WORKER_ID: config.JUDGE_WORKER_ID ?? workerId(hostname()) };
}

/** Maps the sandbox keys to DockerJudge options (the Docker connection is left to dockerode's defaults: DOCKER_HOST or the local socket). */
export function dockerJudgeOptionsFromConfig(config: SandboxConfig): DockerJudgeOptions {
  return {
    maxLimits: {
      timeMs: config.JUDGE_TIME_LIMIT_MS,
      memoryMb: config.JUDGE_MEMORY_MB,
      outputBytes: config.JUDGE_OUTPUT_LIMIT_BYTES,
    },
    idleLimitMs: config.JUDGE_IDLE_LIMIT_MS,
    submitMaxMemoryMb: config.JUDGE_SUBMIT_MAX_MEMORY_MB,
    submitOutputBytes: config.JUDGE_SUBMIT_OUTPUT_LIMIT_BYTES,
    compileTimeMs: config.JUDGE_COMPILE_TIME_LIMIT_MS,
    compileMemoryMb: config.JUDGE_COMPILE_MEMORY_MB,
    pidsLimit: config.JUDGE_PIDS_LIMIT,
    cpus: config.JUDGE_CPUS,
    workDirMb: config.JUDGE_WORK_DIR_MB,
    maxConcurrentRuns: config.JUDGE_MAX_CONCURRENT_RUNS,
    maxQueued: config.JUDGE_MAX_QUEUED,
    poolSize: config.JUDGE_POOL_SIZE,
    prewarm: config.JUDGE_POOL_PREWARM,
  };
}
