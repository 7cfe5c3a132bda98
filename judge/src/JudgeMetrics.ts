import type { RunEvent, SubmitEvent } from '@codestream/shared';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** How a job ended, as a label: a run's outcome, a submission's verdict (or `stopped`). */
export function jobResult(final: RunEvent | SubmitEvent | undefined): string {
  if (final?.type === 'exit') return final.outcome;
  if (final?.type === 'finished') return final.stopped ? 'stopped' : final.verdict;
  return 'unfinished';
}

export type JobKindLabel = 'run' | 'submission';

/** Seconds from 5 ms to 2 min: a warm python hello, up to a long submission. */
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * The judge's figures on a registry (room-server's when the judge runs in-process, the
 * judge service's own otherwise). Queue depth is read when scraped; the rest is counted
 * as it happens. Language and result labels are bounded by the catalog and the outcomes.
 */
export class JudgeMetrics {
  readonly #wait: Histogram;
  readonly #duration: Histogram<'kind' | 'language' | 'result'>;
  readonly #jobs: Counter<'kind' | 'language' | 'result'>;
  readonly #containers: Counter<'language' | 'pooled'>;
  readonly #poolTakes: Counter<'language' | 'result'>;

  constructor(registry: Registry, queue: { readonly waiting: number; readonly running: number }) {
    const registers = [registry];
    new Gauge({
      name: 'codestream_judge_queue_waiting',
      help: 'Runs and submissions waiting for a free sandbox slot.',
      registers,
      collect() {
        this.set(queue.waiting);
      },
    });
    new Gauge({
      name: 'codestream_judge_jobs_running',
      help: 'Runs and submissions holding a sandbox slot.',
      registers,
      collect() {
        this.set(queue.running);
      },
    });
    this.#wait = new Histogram({
      name: 'codestream_judge_queue_wait_seconds',
      help: 'Time a job waited for its sandbox slot (0 when one was free).',
      buckets: [0, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.#duration = new Histogram({
      name: 'codestream_judge_job_duration_seconds',
      help: 'Time from a job leaving the queue (getting its sandbox) to its last event, by kind, language and result (run outcome or submission verdict).',
      labelNames: ['kind', 'language', 'result'],
      buckets: JOB_BUCKETS,
      registers,
    });
    this.#jobs = new Counter({
      name: 'codestream_judge_jobs_total',
      help: 'Jobs ended, by kind, language and result; those that never got a sandbox (queue full, stopped while waiting) too.',
      labelNames: ['kind', 'language', 'result'],
      registers,
    });
    this.#containers = new Counter({
      name: 'codestream_judge_containers_started_total',
      help: 'Sandbox containers started, for a job or ahead of demand (pooled="true").',
      labelNames: ['language', 'pooled'],
      registers,
    });
    this.#poolTakes = new Counter({
      name: 'codestream_judge_warm_pool_takes_total',
      help: 'Sandboxes asked of the warm pool: result="hit" when a started container waited, "miss" when one had to be started (counted only with the pool enabled).',
      labelNames: ['language', 'result'],
      registers,
    });
  }

  queueWaited(ms: number): void {
    this.#wait.observe(ms / 1000);
  }

  /** `ranMs`: from getting a sandbox to the end; undefined when the job never got one. */
  jobEnded(kind: JobKindLabel, language: string, result: string, ranMs: number | undefined): void {
    this.#jobs.inc({ kind, language, result });
    if (ranMs !== undefined) this.#duration.observe({ kind, language, result }, ranMs / 1000);
  }

  containerStarted(language: string, pooled: boolean): void {
    this.#containers.inc({ language, pooled: String(pooled) });
  }

  poolTaken(language: string, hit: boolean): void {
    this.#poolTakes.inc({ language, result: hit ? 'hit' : 'miss' });
  }
}
