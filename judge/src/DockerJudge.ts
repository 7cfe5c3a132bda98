import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  type Judge,
  LANGUAGES,
  type LanguageSpec,
  type RunEvent,
  type RunLimits,
  type RunOptions,
  type RunRequest,
  type SubmitEvent,
  type SubmitRequest,
} from '@codestream/shared';
import Docker from 'dockerode';
import { Registry } from 'prom-client';
import { sandboxConfigTable } from './config.ts';
import { describeDockerError, isNotFound } from './dockerErrors.ts';
import type { CompileSettings } from './execSpec.ts';
import { errorExit } from './exitStatus.ts';
import { FairQueue } from './FairQueue.ts';
import { type JobKindLabel, JudgeMetrics, jobResult } from './JudgeMetrics.ts';
import { RunnerContainer } from './runner/RunnerContainer.ts';
import { type JudgeLogger, SandboxRun } from './SandboxRun.ts';
import { SubmissionJob } from './SubmissionJob.ts';
import { Labels, resolveLimits, type SandboxSettings, sandboxContainerSpec } from './sandboxSpec.ts';
import { WarmPool } from './WarmPool.ts';

export interface DockerJudgeOptions {
  /**
   * Written into the `codestream.judge` label of every container it creates. A judge
   * worker passes its stable id (JUDGE_WORKER_ID) so that, started again after a crash,
   * it finds and removes what it left (removeOwnContainers). Defaults to a random id.
   */
  id?: string;
  /** Defaults to dockerode's defaults (DOCKER_HOST, else the local socket). */
  docker?: Docker;
  /** Default and maximum limits of a Run; a request may only ask for less. */
  maxLimits?: Partial<RunLimits>;
  /** How long a Run with live stdin may wait for input before it is stopped (JUDGE_IDLE_LIMIT_MS). */
  idleLimitMs?: number;
  /** Largest per-test memory limit of a submission (MB). */
  submitMaxMemoryMb?: number;
  /** stdout kept per judged test; more is an output-limit verdict. */
  submitOutputBytes?: number;
  compileTimeMs?: number;
  compileMemoryMb?: number;
  pidsLimit?: number;
  cpus?: number;
  workDirMb?: number;
  /** Jobs (runs and submissions) executed at once; defaults to the number of cores. */
  maxConcurrentRuns?: number;
  /** Jobs that may wait; beyond that they are refused. */
  maxQueued?: number;
  /**
   * Started containers kept per used language. Defaults to 0 (no pool) here, so an
   * embedded or test judge leaves no container behind between jobs; the apps pass
   * JUDGE_POOL_SIZE (default 1) through dockerJudgeOptionsFromConfig.
   */
  poolSize?: number;
  /** Languages whose pool is filled at once. */
  prewarm?: readonly string[];
  /** The catalog runs are looked up in (tests pass a language with a missing image). */
  languages?: readonly LanguageSpec[];
  /** How often to remove containers left by crashed judges; 0 disables the timer. */
  sweepIntervalMs?: number;
  log?: JudgeLogger;
  /** Where the judge's figures (queue, jobs, containers, pool) are registered for /metrics; unset: nowhere. */
  metrics?: Registry;
}

const TMP_DIR_MB = 16;
const NOFILE = 64;
/** Memory of the runner itself and its snapshot of the compiled program. */
const RUNNER_MEMORY_MB = 32;
const COMPILE_MESSAGE_BYTES = 64 * 1024;
/** Longest a job may hold a container before a sweep may call it stale. */
const MAX_JOB_MS = 30 * 60_000;
const POOL_MAX_IDLE_MS = 5 * 60_000;

/**
 * Runs and judges programs in locked-down Docker containers (sandboxSpec.ts), each with
 * csrunner as PID 1 (sandbox/runner). Jobs wait in a queue fair between rooms; a warm
 * pool of started containers per used language hides container start-up.
 */
export class DockerJudge implements Judge {
  /** Written into the `codestream.judge` label of every container this instance creates. */
  readonly id: string;
  readonly docker: Docker;
  readonly maxLimits: RunLimits;
  readonly queue: FairQueue;
  readonly pool: WarmPool;
  readonly #settings: SandboxSettings;
  readonly #compile: CompileSettings;
  readonly #submitMaxMemoryMb: number;
  readonly #idleLimitMs: number;
  readonly #submitOutputBytes: number;
  readonly #languages: readonly LanguageSpec[];
  readonly #log: JudgeLogger;
  readonly #metrics: JudgeMetrics;
  readonly #poolSize: number;
  readonly #jobs = new Set<SandboxRun | SubmissionJob>();
  /** Containers this instance created and has not removed: a sweep must never take them. */
  readonly #live = new Set<string>();
  /** Aborts every job when the judge closes. */
  readonly #closeController = new AbortController();
  readonly #disposers: Array<() => void> = [];
  closing: Promise<void> | undefined;

  /** Same as createDockerJudge(): constructs, then removes containers a crashed judge left. */
  static create(options: DockerJudgeOptions = {}): Promise<DockerJudge> {
    return createDockerJudge(options);
  }

  constructor(options: DockerJudgeOptions = {}) {
    const t = sandboxConfigTable;
    this.id = options.id ?? randomBytes(6).toString('hex');
    this.docker = options.docker ?? new Docker();
    this.maxLimits = {
      timeMs: options.maxLimits?.timeMs ?? t.JUDGE_TIME_LIMIT_MS.default,
      memoryMb: options.maxLimits?.memoryMb ?? t.JUDGE_MEMORY_MB.default,
      outputBytes: options.maxLimits?.outputBytes ?? t.JUDGE_OUTPUT_LIMIT_BYTES.default,
    };
    this.#submitMaxMemoryMb = options.submitMaxMemoryMb ?? t.JUDGE_SUBMIT_MAX_MEMORY_MB.default;
    this.#idleLimitMs = options.idleLimitMs ?? t.JUDGE_IDLE_LIMIT_MS.default;
    this.#submitOutputBytes = options.submitOutputBytes ?? t.JUDGE_SUBMIT_OUTPUT_LIMIT_BYTES.default;
    const workDirMb = options.workDirMb ?? t.JUDGE_WORK_DIR_MB.default;
    const compileMemoryMb = options.compileMemoryMb ?? t.JUDGE_COMPILE_MEMORY_MB.default;
    this.#settings = {
      pidsLimit: options.pidsLimit ?? t.JUDGE_PIDS_LIMIT.default,
      cpus: options.cpus ?? t.JUDGE_CPUS.default,
      workDirMb,
      tmpDirMb: TMP_DIR_MB,
      nofile: NOFILE,
      judgeId: this.id,
      // tmpfs pages (work dir, /tmp, /dev/shm) count toward the container's memory, and so
      // does what the runner keeps of a judged test's output (up to the cap per stream).
      containerMemoryMb:
        Math.max(this.maxLimits.memoryMb, this.#submitMaxMemoryMb, compileMemoryMb) +
        workDirMb +
        2 * TMP_DIR_MB +
        RUNNER_MEMORY_MB +
        2 * Math.ceil(this.#submitOutputBytes / (1024 * 1024)),
    };
    this.#compile = {
      timeMs: options.compileTimeMs ?? t.JUDGE_COMPILE_TIME_LIMIT_MS.default,
      messageBytes: COMPILE_MESSAGE_BYTES,
      fsizeKb: workDirMb * 1024,
      memoryMb: compileMemoryMb,
    };
    this.#languages = options.languages ?? LANGUAGES;
    this.#log = options.log ?? { warn: (message, err) => console.warn(`[judge] ${message}`, err ?? '') };
    this.queue = new FairQueue({
      concurrency: options.maxConcurrentRuns ?? availableParallelism(),
      maxQueued: options.maxQueued ?? t.JUDGE_MAX_QUEUED.default,
      onGranted: (ms) => this.#metrics.queueWaited(ms),
    });
    this.#metrics = new JudgeMetrics(options.metrics ?? new Registry(), this.queue);
    this.#poolSize = options.poolSize ?? 0;
    this.pool = new WarmPool({
      size: this.#poolSize,
      maxIdleMs: POOL_MAX_IDLE_MS,
      start: (language) => this.#startContainer(language, true),
      log: this.#log,
    });
    for (const id of options.prewarm ?? []) {
      const language = this.#languages.find((l) => l.id === id);
      if (language) this.pool.prewarm(language);
      else this.#log.warn(`cannot prewarm unknown language "${id}"`);
    }
    const sweepMs = options.sweepIntervalMs ?? 60_000;
    if (sweepMs > 0) {
      const timer = setInterval(() => {
        this.cleanupStaleContainers().catch((err: unknown) => this.#log.warn('stale container sweep failed', err));
      }, sweepMs);
      // The sweep must never keep a process alive on its own.
      timer.unref();
      this.#disposers.push(() => clearInterval(timer));
    }
  }

  run(request: RunRequest, signal: AbortSignal, options: RunOptions = {}): AsyncIterable<RunEvent> {
    return this.#runEvents(request, signal, options);
  }

  submit(request: SubmitRequest, signal: AbortSignal): AsyncIterable<SubmitEvent> {
    return this.#submitEvents(request, signal);
  }

  async *#runEvents(
    request: RunRequest,
    signal: AbortSignal,
    options: RunOptions,
  ): AsyncGenerator<RunEvent, void, undefined> {
    if (this.closing) return yield errorExit('The code runner is shutting down.');
    const language = this.#languages.find((l) => l.id === request.language);
    if (!language) return yield errorExit(`The code runner does not know the language "${request.language}".`);
    let ranFrom: number | undefined;
    const run = new SandboxRun({
      language,
      request,
      limits: resolveLimits(request.limits, this.maxLimits),
      live: options.stdin ? { stdin: options.stdin, idleMs: this.#idleLimitMs } : undefined,
      compile: this.#compile,
      fsizeKb: this.#settings.workDirMb * 1024,
      queue: this.queue,
      sandbox: () => {
        ranFrom ??= performance.now();
        return this.#sandboxFor(language);
      },
      signal: AbortSignal.any([signal, this.#closeController.signal]),
      log: this.#log,
    });
    this.#jobs.add(run);
    try {
      yield* this.#measured('run', language.id, run.events(), () => ranFrom);
    } finally {
      this.#jobs.delete(run);
    }
  }

  async *#submitEvents(request: SubmitRequest, signal: AbortSignal): AsyncGenerator<SubmitEvent, void, undefined> {
    const refuse = (message: string): SubmitEvent => ({
      type: 'finished',
      verdict: 'internal-error',
      passed: 0,
      total: request.tests.length,
      totalMs: 0,
      message,
    });
    if (this.closing) return yield refuse('The code runner is shutting down.');
    const language = this.#languages.find((l) => l.id === request.language);
    if (!language) return yield refuse(`The code runner does not know the language "${request.language}".`);
    const checker = request.checker;
    let ranFrom: number | undefined;
    const job = new SubmissionJob({
      request,
      language,
      checkerLanguage:
        checker.type === 'custom' || checker.type === 'interactive'
          ? this.#languages.find((l) => l.id === checker.language)
          : undefined,
      limits: {
        timeMs: Math.min(request.limits.timeMs, this.maxLimits.timeMs),
        memoryMb: Math.min(request.limits.memoryMb, this.#submitMaxMemoryMb),
      },
      compile: this.#compile,
      fsizeKb: this.#settings.workDirMb * 1024,
      outputBytes: this.#submitOutputBytes,
      queue: this.queue,
      sandbox: (l) => {
        ranFrom ??= performance.now();
        return this.#sandboxFor(l);
      },
      signal: AbortSignal.any([signal, this.#closeController.signal]),
      log: this.#log,
    });
    this.#jobs.add(job);
    try {
      yield* this.#measured('submission', language.id, job.events(), () => ranFrom);
    } finally {
      this.#jobs.delete(job);
    }
  }

  /** Passes a job's events on and counts the job when it ends, however it ends. */
  async *#measured<E extends RunEvent | SubmitEvent>(
    kind: JobKindLabel,
    language: string,
    events: AsyncIterable<E>,
    ranFrom: () => number | undefined,
  ): AsyncGenerator<E, void, undefined> {
    let last: E | undefined;
    try {
      for await (const event of events) {
        last = event;
        yield event;
      }
    } finally {
      const from = ranFrom();
      this.#metrics.jobEnded(
        kind,
        language,
        jobResult(last),
        from === undefined ? undefined : performance.now() - from,
      );
    }
  }

  /** A pooled container if one waits, else a new one. */
  async #sandboxFor(language: LanguageSpec): Promise<RunnerContainer> {
    const pooled = this.pool.take(language);
    if (this.#poolSize > 0) this.#metrics.poolTaken(language.id, pooled !== undefined);
    return pooled ?? (await this.#startContainer(language, false));
  }

  async #startContainer(language: LanguageSpec, pooled: boolean): Promise<RunnerContainer> {
    const deadline = Date.now() + MAX_JOB_MS + (pooled ? POOL_MAX_IDLE_MS : 0);
    const container = await RunnerContainer.start({
      docker: this.docker,
      spec: sandboxContainerSpec({ language, settings: this.#settings, deadline, pooled }),
      log: this.#log,
      onCreated: (id) => this.#live.add(id),
      onRemoved: (id) => this.#live.delete(id),
    });
    this.#metrics.containerStarted(language.id, pooled);
    return container;
  }

  /** Runs and submissions currently queued or executing in this instance. */
  get activeRuns(): number {
    return this.#jobs.size;
  }

  /** Ids of the started containers waiting in the warm pool. */
  idleContainerIds(): string[] {
    return this.pool.idleIds();
  }

  /**
   * Removes sandbox containers past their deadline label. Only a judge that crashed or
   * lost its Docker connection leaves such containers (their runner exits when its
   * stdin closes, so they sit stopped); younger ones may belong to another live judge
   * on the same engine and are left alone, as is every container of this instance.
   * Returns how many were removed.
   */
  async cleanupStaleContainers(): Promise<number> {
    const containers = await this.docker.listContainers({ all: true, filters: { label: [`${Labels.sandbox}=1`] } });
    const now = Date.now();
    const stale = containers.filter((c) => {
      if (this.#live.has(c.Id)) return false;
      const deadline = Number(c.Labels[Labels.deadline]);
      return !Number.isFinite(deadline) || deadline <= now;
    });
    await this.#removeContainers(stale.map((c) => c.Id));
    return stale.length;
  }

  /**
   * Removes every container labelled with this judge's id that it is not using: what an
   * earlier process with the same id (a judge worker that crashed) left behind, whatever
   * its deadline. Returns how many.
   */
  async removeOwnContainers(): Promise<number> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${Labels.sandbox}=1`, `${Labels.judge}=${this.id}`] },
    });
    const left = containers.filter((c) => !this.#live.has(c.Id)).map((c) => c.Id);
    await this.#removeContainers(left);
    return left.length;
  }

  async #removeContainers(ids: string[]): Promise<void> {
    await Promise.all(
      ids.map((id) =>
        this.docker
          .getContainer(id)
          .remove({ force: true })
          .catch((err: unknown) => {
            // 404: removed meanwhile by its own judge, which is what we wanted.
            if (!isNotFound(err)) throw err;
          }),
      ),
    );
  }

  /** Problems that would make every run fail (Docker down, image missing); empty when ready. */
  async checkReady(): Promise<string[]> {
    const images = [...new Set(this.#languages.map((l) => l.image))];
    try {
      await this.docker.ping();
    } catch (err) {
      return [describeDockerError(err, images.join(', '))];
    }
    const problems: string[] = [];
    for (const image of images) {
      try {
        await this.docker.getImage(image).inspect();
      } catch (err) {
        problems.push(
          isNotFound(err)
            ? `The sandbox image ${image} is missing. Build it with sandbox/build.sh.`
            : describeDockerError(err, image),
        );
      }
    }
    return problems;
  }

  close(): Promise<void> {
    this.closing ??= this.#doClose();
    return this.closing;
  }

  async #doClose(): Promise<void> {
    for (const dispose of this.#disposers.splice(0)) dispose();
    // Jobs see a `stopped` outcome; removing their containers here does not depend on
    // their consumers pulling the remaining events.
    this.#closeController.abort();
    await Promise.all([
      this.pool.close(),
      ...[...this.#jobs].map((job) => (job instanceof SandboxRun ? job.removeContainer() : job.removeContainers())),
    ]);
  }
}

/** Creates a DockerJudge after removing containers a crashed judge left behind. */
export async function createDockerJudge(options: DockerJudgeOptions = {}): Promise<DockerJudge> {
  const judge = new DockerJudge(options);
  try {
    const removed = await judge.cleanupStaleContainers();
    if (removed > 0) options.log?.warn(`removed ${removed} stale sandbox container(s)`);
  } catch (err) {
    // Docker may come up later; runs report it per run until then.
    (options.log ?? console).warn('[judge] could not check for stale sandbox containers', err);
  }
  return judge;
}
