import { setTimeout as sleep } from 'node:timers/promises';
import {
  type RunEvent,
  type RunOptions,
  type RunRequest,
  runRequestSchema,
  StdinChannel,
  type SubmitEvent,
  type SubmitRequest,
  stdinChunkSchema,
  submitRequestSchema,
} from '@codestream/shared';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { DockerJudge } from '../DockerJudge.ts';
import { type JobStream, runStream, submitStream } from '../jobStreams.ts';
import { loggedJob } from '../loggedJob.ts';
import type { Logger } from '../logger.ts';
import type { JudgeLogger } from '../SandboxRun.ts';
import { execAll } from './execAll.ts';
import { EVENTS_TTL_AFTER_END_MS, LEASE_MS, QUEUE_NAME, queueKeys, REQUEST_TTL_MS } from './queueKeys.ts';
import { RedisLease } from './RedisLease.ts';
import { StreamFollower } from './StreamFollower.ts';

export interface JudgeWorkerOptions {
  redisUrl: string;
  /** Runs the jobs. Its id is the worker's stable id, written on every container it creates. */
  judge: DockerJudge;
  /** Jobs taken from the queue at once (the judge should allow as many). */
  concurrency: number;
  /** See LEASE_MS. */
  leaseMs?: number;
  log?: JudgeLogger;
  /** Where each job's start and end are logged with its request id; unset: not logged. */
  jobLog?: Logger;
  /**
   * Another process took the worker's id (this one stalled past its lease): it must not
   * go on, since that process removes every container carrying the id. The entry
   * point exits.
   */
  onFatal?(err: Error): void;
}

/**
 * A judge worker: takes jobs from the BullMQ queue (QueueJudge.ts enqueues them), runs
 * each on its DockerJudge and appends every event to the job's Redis Stream as it comes.
 *
 * Its id is a lease in Redis, so two live workers never share one; once it holds it, it
 * removes every container labelled with the id (what it left when it last died). While
 * a job runs, a heartbeat key says so; the room-server takes a lapsed heartbeat for a
 * dead worker and tells the room (an internal error with that reason; the job is not
 * retried, since its output already reached the room). BullMQ must not retry it either:
 * `maxStalledCount: 0` fails a job whose worker's lock lapsed instead of running it again.
 * A job stops when its room asks (cancel key + pub/sub) or when its admission lapses
 * (the room-server that waited for it is gone).
 */
export class JudgeWorker {
  readonly id: string;
  readonly #o: JudgeWorkerOptions;
  readonly #leaseMs: number;
  readonly #log: JudgeLogger;
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #lease: RedisLease;
  /** Reads the live stdin of the worker's runs (one blocking connection for all). */
  readonly #inputs: StreamFollower;
  readonly #running = new Map<string, AbortController>();
  readonly #disposers: Array<() => void> = [];
  #worker: Worker | undefined;
  #closing: Promise<void> | undefined;

  /** Claims the id (waiting up to two leases for a dead predecessor's to lapse), cleans up, then takes jobs. */
  static async start(options: JudgeWorkerOptions): Promise<JudgeWorker> {
    const worker = new JudgeWorker(options);
    try {
      await worker.#start();
    } catch (err) {
      await worker.close();
      throw err;
    }
    return worker;
  }

  private constructor(options: JudgeWorkerOptions) {
    this.#o = options;
    this.id = options.judge.id;
    this.#leaseMs = options.leaseMs ?? LEASE_MS;
    this.#log = options.log ?? { warn: (message, err) => console.warn(`[judge-worker] ${message}`, err ?? '') };
    // BullMQ's worker requires commands that wait for Redis to come back rather than fail.
    this.#redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.#subscriber = this.#redis.duplicate();
    for (const connection of [this.#redis, this.#subscriber]) {
      // ioredis reconnects by itself; the listener keeps its errors from being reported as unhandled.
      connection.on('error', (err: unknown) => this.#log.warn('Redis connection error (judge worker)', err));
    }
    this.#lease = new RedisLease(this.#redis, queueKeys.worker(this.id), `${process.pid}:${Date.now()}`, this.#leaseMs);
    this.#inputs = new StreamFollower({ redis: this.#redis, log: this.#log });
  }

  async #start(): Promise<void> {
    const deadline = Date.now() + 2 * this.#leaseMs;
    while (!(await this.#lease.acquire())) {
      if (Date.now() > deadline) {
        throw new Error(
          `Another judge worker with the id "${this.id}" is running. Give each worker its own JUDGE_WORKER_ID.`,
        );
      }
      await sleep(this.#leaseMs / 5);
    }
    await this.#beat();
    const timer = setInterval(() => void this.#beat(), this.#leaseMs / 5);
    this.#disposers.push(() => clearInterval(timer));

    const removed = await this.#o.judge.removeOwnContainers();
    if (removed > 0) this.#log.warn(`removed ${removed} sandbox container(s) left by an earlier run of this worker`);

    this.#subscriber.on('message', (_channel: string, jobId: string) => this.#running.get(jobId)?.abort());
    await this.#subscriber.subscribe(queueKeys.cancelChannel);

    this.#worker = new Worker(QUEUE_NAME, (job) => this.#process(job), {
      connection: this.#redis,
      concurrency: this.#o.concurrency,
      name: this.id,
      // A job whose worker died is failed, never run a second time (see the class comment).
      maxStalledCount: 0,
      lockDuration: 4 * this.#leaseMs,
      stalledInterval: 2 * this.#leaseMs,
    });
    this.#worker.on('error', (err: unknown) => this.#log.warn('BullMQ worker error', err));
  }

  /** Renews the id and announces the worker as live until one lease from now. */
  async #beat(): Promise<void> {
    try {
      // Lapsed (the worker or Redis stalled past the lease): take it again unless another
      // process holds it now.
      if (!(await this.#lease.renew()) && !(await this.#lease.acquire())) {
        this.#o.onFatal?.(new Error(`judge worker ${this.id} lost its id to another process (stalled past its lease)`));
        return;
      }
      const now = Date.now();
      await execAll(
        this.#redis
          .multi()
          .zadd(queueKeys.workers, now + this.#leaseMs, this.id)
          .zremrangebyscore(queueKeys.workers, '-inf', now),
      );
    } catch (err) {
      this.#log.warn('judge worker heartbeat failed', err);
    }
  }

  async #process(job: Job): Promise<void> {
    const id = job.id;
    if (id === undefined) throw new UnrecoverableError('a job without an id');
    const kind = jobKind(job.name);
    const controller = new AbortController();
    this.#running.set(id, controller);
    let stream: JobStream<unknown> = kind === 'run' ? runStream() : submitStream({ tests: [] });
    let ended = false;
    const write = async (event: unknown): Promise<void> => {
      ended = stream.isLast(event);
      await execAll(
        this.#redis
          .multi()
          .xadd(queueKeys.events(id), '*', queueKeys.eventField, JSON.stringify(event))
          .pexpire(queueKeys.events(id), ended ? EVENTS_TTL_AFTER_END_MS : REQUEST_TTL_MS),
      );
    };
    let heartbeat: NodeJS.Timeout | undefined;
    let stopInput: (() => void) | undefined;
    try {
      // Out of the waiting set and alive in one step: QueuedJob relies on never seeing neither.
      const [, , raw, cancelled] = await execAll(
        this.#redis
          .multi()
          .zrem(queueKeys.waiting, id)
          .set(queueKeys.alive(id), this.id, 'PX', this.#leaseMs)
          .get(queueKeys.request(id))
          .exists(queueKeys.cancel(id)),
      );
      // The room-server removes the request when it stops waiting: no one reads this job.
      if (typeof raw !== 'string') return;
      const request = parseRequest(kind, raw);
      if (request instanceof Error)
        return await write(stream.failed(`The job could not be read (${request.message}).`));
      if (request.kind === 'submit') stream = submitStream(request.request);
      const admission = queueKeys.admission(request.request.queueKey, id);
      const check = async () => {
        const [, holder, cancel] = await execAll(
          this.#redis
            .multi()
            .set(queueKeys.alive(id), this.id, 'PX', this.#leaseMs)
            .get(admission)
            .exists(queueKeys.cancel(id)),
        );
        if (holder !== id || cancel === 1) controller.abort();
      };
      await check();
      if (cancelled === 1 || controller.signal.aborted) return await write(stream.stopped());
      heartbeat = setInterval(() => {
        check().catch((err: unknown) => this.#log.warn(`heartbeat of job ${id} failed`, err));
      }, this.#leaseMs / 5);
      const { judge, jobLog } = this.#o;
      const options: RunOptions = {};
      if (request.kind === 'run' && request.request.liveStdin) {
        const { stdin, stop } = this.#followInput(id);
        options.stdin = stdin;
        stopInput = stop;
      }
      const events: AsyncIterable<RunEvent | SubmitEvent> =
        request.kind === 'run'
          ? judge.run(request.request, controller.signal, options)
          : judge.submit(request.request, controller.signal);
      const { language, requestId } = request.request;
      const facts = { kind: request.kind === 'run' ? 'run' : 'submission', language, requestId, jobId: id };
      const logged = jobLog ? loggedJob(jobLog, facts, events) : events;
      for await (const event of logged) await write(event);
    } catch (err) {
      this.#log.warn(`judge job ${id} failed`, err);
      if (!ended) {
        const message = `The judge worker failed: ${err instanceof Error ? err.message : String(err)}`;
        await write(stream.failed(message)).catch((writeErr: unknown) => {
          // The room-server's heartbeat check ends the job for the room (the heartbeat lapses).
          this.#log.warn(`could not report the failure of job ${id}`, writeErr);
        });
      }
    } finally {
      clearInterval(heartbeat);
      stopInput?.();
      this.#running.delete(id);
      // The heartbeat key is left to lapse by itself (see QueuedJob.#checkRunning).
      await this.#redis.del(queueKeys.request(id), queueKeys.cancel(id), queueKeys.input(id)).catch((err: unknown) => {
        this.#log.warn(`could not delete the keys of job ${id}; they expire by themselves`, err);
      });
    }
  }

  /** A run's live stdin as its room-server appends it to the job's input stream (read from its start). */
  #followInput(id: string): { stdin: StdinChannel; stop(): void } {
    const stdin = new StdinChannel();
    const unfollow = this.#inputs.follow(queueKeys.input(id), (fields) => {
      const raw = fields[0] === queueKeys.eventField ? fields[1] : undefined;
      let chunk: unknown;
      try {
        chunk = JSON.parse(raw ?? '');
      } catch {
        chunk = undefined;
      }
      const parsed = stdinChunkSchema.safeParse(chunk);
      if (parsed.success) stdin.push(parsed.data);
      else this.#log.warn(`job ${id} got invalid input; ignored`);
    });
    return {
      stdin,
      stop: () => {
        unfollow();
        stdin.end();
      },
    };
  }

  /** Jobs running now. */
  get activeJobs(): number {
    return this.#running.size;
  }

  /**
   * Stops taking jobs, lets the running ones finish, then closes the judge (removing its
   * containers) and gives up the id.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#worker?.close();
      for (const dispose of this.#disposers.splice(0)) dispose();
      await this.#o.judge.close();
      await this.#inputs.close();
      await execAll(this.#redis.multi().zrem(queueKeys.workers, this.id)).catch((err: unknown) => {
        // Its entry lapses by its score (one lease).
        this.#log.warn('could not unregister the judge worker', err);
      });
      await this.#lease.release().catch((err: unknown) => {
        // The id lease lapses by itself; a successor waits for it.
        this.#log.warn('could not release the judge worker id', err);
      });
      await this.#subscriber.quit().catch(() => this.#subscriber.disconnect());
      await this.#redis.quit().catch(() => this.#redis.disconnect());
    })();
    return this.#closing;
  }
}

function jobKind(name: string): 'run' | 'submit' {
  if (name === 'run' || name === 'submit') return name;
  throw new UnrecoverableError(`unknown job kind "${name}"`);
}

type ParsedRequest = { kind: 'run'; request: RunRequest } | { kind: 'submit'; request: SubmitRequest };

/** The request as the room-server stored it, validated: Redis is a boundary like any other. */
function parseRequest(kind: 'run' | 'submit', raw: string): ParsedRequest | Error {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return new Error('the request is not JSON');
  }
  if (kind === 'run') {
    const parsed = runRequestSchema.safeParse(json);
    return parsed.success ? { kind, request: parsed.data } : new Error(parsed.error.message);
  }
  const parsed = submitRequestSchema.safeParse(json);
  return parsed.success ? { kind, request: parsed.data } : new Error(parsed.error.message);
}
