import type { LanguageSpec } from '@codestream/shared';
import type { RunnerContainer } from './runner/RunnerContainer.ts';
import type { JudgeLogger } from './SandboxRun.ts';

export interface WarmPoolOptions {
  /** Started containers kept waiting per language once that language was used; 0 disables the pool. */
  size: number;
  /** A waiting container older than this is replaced (its stale-deadline label must never pass while pooled). */
  maxIdleMs: number;
  /** Creates, attaches and starts one hardened container for the language (labelled as pooled). */
  start(language: LanguageSpec): Promise<RunnerContainer>;
  log: JudgeLogger;
}

interface LanguagePool {
  language: LanguageSpec;
  idle: RunnerContainer[];
  filling: number;
  /** After a failed start, refilling waits until then (Docker down must not become a busy loop). */
  retryAt: number;
}

const RETRY_AFTER_FAILURE_MS = 5_000;

/**
 * Containers created, attached and started ahead of demand, their runner waiting on
 * stdin: a job that takes one skips the ~120–230 ms of container start. A container
 * is handed out at most once and removed by its job; the pool refills in the
 * background. One pool per language, all containers the same size: each test's
 * memory limit is enforced inside by the runner, not by the container's cgroup, so a
 * pool per (language, memory) is not needed and would mostly miss.
 */
export class WarmPool {
  readonly #options: WarmPoolOptions;
  readonly #pools = new Map<string, LanguagePool>();
  readonly #timer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: WarmPoolOptions) {
    this.#options = options;
    if (options.size > 0) {
      this.#timer = setInterval(() => this.#retireOld(), Math.max(1_000, options.maxIdleMs / 4));
      // The pool must never keep a process alive on its own.
      this.#timer.unref();
    }
  }

  /** A ready container for the language, or undefined (pool empty or disabled); refills either way. */
  take(language: LanguageSpec): RunnerContainer | undefined {
    if (this.#options.size <= 0 || this.#closing) return undefined;
    const pool = this.#pool(language);
    let taken: RunnerContainer | undefined;
    while (!taken && pool.idle.length > 0) {
      const candidate = pool.idle.shift();
      if (candidate?.alive) taken = candidate;
      else void candidate?.remove();
    }
    this.#refill(pool);
    return taken;
  }

  /** Starts filling the pool of a language before its first job. */
  prewarm(language: LanguageSpec): void {
    if (this.#options.size > 0 && !this.#closing) this.#refill(this.#pool(language));
  }

  /** Ids of containers waiting in the pool (not those handed out). */
  idleIds(): string[] {
    return [...this.#pools.values()].flatMap((p) => p.idle.map((c) => c.id));
  }

  /** Resolves when no container is being created for any language (tests, benchmarks). */
  async settled(): Promise<void> {
    while ([...this.#pools.values()].some((p) => p.filling > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#timer) clearInterval(this.#timer);
      await this.settled();
      const idle = [...this.#pools.values()].flatMap((p) => p.idle.splice(0));
      await Promise.all(idle.map((c) => c.remove()));
    })();
    return this.#closing;
  }

  #pool(language: LanguageSpec): LanguagePool {
    let pool = this.#pools.get(language.id);
    if (!pool) {
      pool = { language, idle: [], filling: 0, retryAt: 0 };
      this.#pools.set(language.id, pool);
    }
    return pool;
  }

  #refill(pool: LanguagePool): void {
    if (Date.now() < pool.retryAt) return;
    while (!this.#closing && pool.idle.length + pool.filling < this.#options.size) {
      pool.filling++;
      this.#options.start(pool.language).then(
        (container) => {
          pool.filling--;
          // Closing started meanwhile: close() waits for `filling` to drop, then removes idle ones.
          pool.idle.push(container);
        },
        (err: unknown) => {
          pool.filling--;
          pool.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
          if (!this.#closing) this.#options.log.warn(`could not start a pooled ${pool.language.id} sandbox`, err);
        },
      );
    }
  }

  #retireOld(): void {
    const cutoff = Date.now() - this.#options.maxIdleMs;
    for (const pool of this.#pools.values()) {
      const old = pool.idle.filter((c) => c.createdAt < cutoff || !c.alive);
      if (old.length === 0) continue;
      pool.idle = pool.idle.filter((c) => !old.includes(c));
      for (const c of old) void c.remove();
      this.#refill(pool);
    }
  }
}
