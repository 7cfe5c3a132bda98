import { randomBytes } from 'node:crypto';
import {
  type Judge,
  LANGUAGES,
  type LanguageSpec,
  type RunEvent,
  type RunLimits,
  type RunRequest,
} from '@codestream/shared';
import Docker from 'dockerode';
import { sandboxConfigTable } from './config.ts';
import { describeDockerError, isNotFound } from './dockerErrors.ts';
import { errorExit } from './exitStatus.ts';
import { type JudgeLogger, SandboxRun } from './SandboxRun.ts';
import { Semaphore } from './Semaphore.ts';
import { Labels, resolveLimits, type SandboxSettings } from './sandboxSpec.ts';

export interface DockerJudgeOptions {
  /** Defaults to dockerode's defaults (DOCKER_HOST, else the local socket). */
  docker?: Docker;
  /** Default and maximum limits of a run; a request may only ask for less. */
  maxLimits?: Partial<RunLimits>;
  pidsLimit?: number;
  cpus?: number;
  workDirMb?: number;
  maxConcurrentRuns?: number;
  /** The catalog runs are looked up in (tests pass a language with a missing image). */
  languages?: readonly LanguageSpec[];
  /** How often to remove containers left by crashed judges; 0 disables the timer. */
  sweepIntervalMs?: number;
  log?: JudgeLogger;
}

const TMP_DIR_MB = 16;
const NOFILE = 64;

/**
 * Runs programs in fresh, locked-down Docker containers (see sandboxSpec.ts for every
 * restriction). One instance per process; runs beyond `maxConcurrentRuns` queue.
 */
export class DockerJudge implements Judge {
  /** Written into the `codestream.judge` label of every container this instance creates. */
  readonly id = randomBytes(6).toString('hex');
  readonly docker: Docker;
  readonly maxLimits: RunLimits;
  readonly #settings: SandboxSettings;
  readonly #languages: readonly LanguageSpec[];
  readonly #slots: Semaphore;
  readonly #log: JudgeLogger;
  readonly #runs = new Set<SandboxRun>();
  /** Aborts every run when the judge closes. */
  readonly #closeController = new AbortController();
  readonly #disposers: Array<() => void> = [];
  closing: Promise<void> | undefined;

  /** Same as createDockerJudge(): constructs, then removes containers a crashed judge left. */
  static create(options: DockerJudgeOptions = {}): Promise<DockerJudge> {
    return createDockerJudge(options);
  }

  constructor(options: DockerJudgeOptions = {}) {
    this.docker = options.docker ?? new Docker();
    this.maxLimits = {
      timeMs: options.maxLimits?.timeMs ?? sandboxConfigTable.JUDGE_TIME_LIMIT_MS.default,
      memoryMb: options.maxLimits?.memoryMb ?? sandboxConfigTable.JUDGE_MEMORY_MB.default,
      outputBytes: options.maxLimits?.outputBytes ?? sandboxConfigTable.JUDGE_OUTPUT_LIMIT_BYTES.default,
    };
    this.#settings = {
      pidsLimit: options.pidsLimit ?? sandboxConfigTable.JUDGE_PIDS_LIMIT.default,
      cpus: options.cpus ?? sandboxConfigTable.JUDGE_CPUS.default,
      workDirMb: options.workDirMb ?? sandboxConfigTable.JUDGE_WORK_DIR_MB.default,
      tmpDirMb: TMP_DIR_MB,
      nofile: NOFILE,
      judgeId: this.id,
    };
    this.#languages = options.languages ?? LANGUAGES;
    this.#slots = new Semaphore(options.maxConcurrentRuns ?? sandboxConfigTable.JUDGE_MAX_CONCURRENT_RUNS.default);
    this.#log = options.log ?? { warn: (message, err) => console.warn(`[judge] ${message}`, err ?? '') };
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

  run(request: RunRequest, signal: AbortSignal): AsyncIterable<RunEvent> {
    return this.#events(request, signal);
  }

  async *#events(request: RunRequest, signal: AbortSignal): AsyncGenerator<RunEvent, void, undefined> {
    if (this.closing) {
      yield errorExit('The code runner is shutting down.');
      return;
    }
    const language = this.#languages.find((l) => l.id === request.language);
    if (!language) {
      yield errorExit(`The code runner does not know the language "${request.language}".`);
      return;
    }
    const run = new SandboxRun({
      docker: this.docker,
      language,
      request,
      limits: resolveLimits(request.limits, this.maxLimits),
      settings: this.#settings,
      signal: AbortSignal.any([signal, this.#closeController.signal]),
      slots: this.#slots,
      log: this.#log,
    });
    this.#runs.add(run);
    try {
      yield* run.events();
    } finally {
      this.#runs.delete(run);
    }
  }

  /** Runs currently queued or executing in this instance. */
  get activeRuns(): number {
    return this.#runs.size;
  }

  /**
   * Removes sandbox containers that outlived their deadline label (time limit plus a
   * grace period). Only a judge that crashed or lost its Docker connection leaves such
   * containers; younger ones may belong to another live judge on the same engine, so
   * they are left alone. Returns how many were removed.
   */
  async cleanupStaleContainers(): Promise<number> {
    const containers = await this.docker.listContainers({ all: true, filters: { label: [`${Labels.sandbox}=1`] } });
    const now = Date.now();
    const stale = containers.filter((c) => {
      const deadline = Number(c.Labels[Labels.deadline]);
      return !Number.isFinite(deadline) || deadline <= now;
    });
    await Promise.all(
      stale.map((c) =>
        this.docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch((err: unknown) => {
            // 404: removed meanwhile by its own judge, which is what we wanted.
            if (!isNotFound(err)) throw err;
          }),
      ),
    );
    return stale.length;
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
    // Runs see a `stopped` outcome; removing their containers here does not depend on
    // their consumers pulling the remaining events.
    this.#closeController.abort();
    await Promise.all([...this.#runs].map((run) => run.removeContainer()));
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
