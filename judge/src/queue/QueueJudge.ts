import type {
  Judge,
  RunEvent,
  RunOptions,
  RunRequest,
  StdinChunk,
  SubmitEvent,
  SubmitRequest,
} from '@codestream/shared';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sandboxConfigTable } from '../config.ts';
import { type JobStream, runStream, submitStream } from '../jobStreams.ts';
import type { JudgeLogger } from '../SandboxRun.ts';
import { type JobName, QueuedJob } from './QueuedJob.ts';
import { LEASE_MS, QUEUE_NAME, queueKeys } from './queueKeys.ts';
import { StreamFollower } from './StreamFollower.ts';

export interface QueueJudgeOptions {
  /** The Redis that carries the queue (redis:// or rediss://), shared with the judge workers. */
  redisUrl: string;
  /** Jobs that may wait for a worker, across every room-server; beyond that they are refused at once. */
  maxQueued?: number;
  /** See LEASE_MS; tests shorten it to find dead workers sooner. */
  leaseMs?: number;
  log?: JudgeLogger;
}

/**
 * A Judge whose jobs run on judge workers (JudgeWorker.ts) through a BullMQ queue in
 * Redis: room-servers enqueue, any number of workers, each beside its own Docker
 * engine, take jobs, and each job's events come back through a Redis Stream as the
 * worker produces them (QueuedJob.ts has the life of one job).
 *
 * Fairness between rooms is settled before a job enters the queue, since BullMQ's queue
 * is plain FIFO: a room (queue key) has at most one job queued or running, across every
 * room-server, so a room that submits again and again joins the back of the line each
 * time, behind every room already waiting — round-robin between rooms by construction.
 */
export class QueueJudge implements Judge {
  readonly #redis: Redis;
  readonly #queue: Queue;
  readonly #follower: StreamFollower;
  readonly #maxQueued: number;
  readonly #leaseMs: number;
  readonly #log: JudgeLogger;
  readonly #active = new Set<QueuedJob<unknown>>();
  /** Aborts every job when the judge closes. */
  readonly #closeController = new AbortController();
  closing: Promise<void> | undefined;

  constructor(options: QueueJudgeOptions) {
    this.#log = options.log ?? { warn: (message, err) => console.warn(`[judge-queue] ${message}`, err ?? '') };
    this.#maxQueued = options.maxQueued ?? sandboxConfigTable.JUDGE_MAX_QUEUED.default;
    this.#leaseMs = options.leaseMs ?? LEASE_MS;
    this.#redis = new Redis(options.redisUrl);
    // ioredis retries by itself; the listener keeps its errors from being reported as unhandled.
    this.#redis.on('error', (err: unknown) => this.#log.warn('Redis connection error (judge queue)', err));
    this.#queue = new Queue(QUEUE_NAME, { connection: this.#redis });
    this.#queue.on('error', (err: unknown) => this.#log.warn('BullMQ queue error', err));
    this.#follower = new StreamFollower({ redis: this.#redis, log: this.#log });
  }

  /** The Redis connection's state (ioredis's `status`: `ready` while usable), for metrics. */
  get connection(): { readonly status: string } {
    return this.#redis;
  }

  run(request: RunRequest, signal: AbortSignal, options: RunOptions = {}): AsyncIterable<RunEvent> {
    const { stdin } = options;
    if (!stdin) return this.#job('run', request, signal, runStream());
    return this.#job('run', { ...request, liveStdin: true }, signal, runStream(), stdin);
  }

  submit(request: SubmitRequest, signal: AbortSignal): AsyncIterable<SubmitEvent> {
    return this.#job('submit', request, signal, submitStream(request));
  }

  async *#job<E>(
    name: JobName,
    request: RunRequest | SubmitRequest,
    signal: AbortSignal,
    stream: JobStream<E>,
    stdin?: AsyncIterable<StdinChunk>,
  ): AsyncGenerator<E, void, undefined> {
    if (this.closing) return yield stream.failed('The code runner is shutting down.');
    const job = new QueuedJob({
      name,
      request,
      stream,
      stdin,
      signal: AbortSignal.any([signal, this.#closeController.signal]),
      redis: this.#redis,
      queue: this.#queue,
      follower: this.#follower,
      maxQueued: this.#maxQueued,
      leaseMs: this.#leaseMs,
      log: this.#log,
    });
    this.#active.add(job);
    try {
      yield* job.events();
    } finally {
      this.#active.delete(job);
    }
  }

  /** Jobs of this room-server queued or running now. */
  get activeJobs(): number {
    return this.#active.size;
  }

  /** Problems that would make every job fail or wait forever (Redis down, no worker); empty when ready. */
  async checkReady(): Promise<string[]> {
    try {
      const workers = await this.#redis.zcount(queueKeys.workers, Date.now(), '+inf');
      return workers > 0
        ? []
        : ['No judge worker is running: jobs wait until one starts (npm run worker -w judge, see the README).'];
    } catch (err) {
      return [`The judge queue's Redis cannot be reached: ${err instanceof Error ? err.message : String(err)}`];
    }
  }

  close(): Promise<void> {
    this.closing ??= this.#doClose();
    return this.closing;
  }

  async #doClose(): Promise<void> {
    this.#closeController.abort();
    // Not waiting for the workers' answers: stop the jobs and free the rooms' admissions now.
    await Promise.all(
      [...this.#active].map((job) =>
        job.abandon().catch((err: unknown) => {
          // The worker stops the job by itself once the admission lapses (LEASE_MS).
          this.#log.warn(`could not stop judge job ${job.id} on close`, err);
        }),
      ),
    );
    await this.#follower.close();
    await this.#queue.close();
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
