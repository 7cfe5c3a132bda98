import { randomUUID } from 'node:crypto';
import { pipeStdin, type StdinChunk } from '@codestream/shared';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AsyncQueue } from '../AsyncQueue.ts';
import type { JobStream } from '../jobStreams.ts';
import type { JudgeLogger } from '../SandboxRun.ts';
import { execAll } from './execAll.ts';
import { queueKeys, REQUEST_TTL_MS } from './queueKeys.ts';
import { RedisLease } from './RedisLease.ts';
import type { StreamFollower } from './StreamFollower.ts';

export type JobName = 'run' | 'submit';

export const BUSY_MESSAGE =
  'Another run or submission of this room is still in the code runner. Wait for it to finish, or press Stop, and try again.';
export const WORKER_STOPPED_MESSAGE = 'The judge worker stopped while running your program. Try again.';
const WORKER_STOPPED_BEFORE_MESSAGE = 'The judge worker stopped before it could run your program. Try again.';
const LOST_MESSAGE = 'The code runner lost track of this job (its Redis lease expired). Try again.';

export interface QueuedJobOptions<E> {
  name: JobName;
  /** Stored in Redis for the worker; `queueKey` decides the admission. */
  request: { queueKey?: string };
  stream: JobStream<E>;
  /** A Run's live input: appended to the job's input stream for its worker. */
  stdin?: AsyncIterable<StdinChunk>;
  signal: AbortSignal;
  redis: Redis;
  queue: Queue;
  follower: StreamFollower;
  maxQueued: number;
  leaseMs: number;
  log: JudgeLogger;
}

/**
 * waiting (in BullMQ's wait list) → running (a worker's heartbeat seen) → finished;
 * stopping: Stop was asked of a worker, which answers with its own final event.
 */
type Phase = 'waiting' | 'running' | 'stopping' | 'finished';
type Note = { kind: 'entry'; fields: string[] } | { kind: 'tick' } | { kind: 'abort' };

/**
 * The room-server's side of one job on the queue. It is admitted first: the room's
 * admission key (one job per queue key, across every room-server) is taken and renewed
 * while the job lives, which also tells the worker that someone still waits for the
 * result. Then the request is stored, the job enqueued, and the job's event stream
 * followed; every LEASE/5 a tick renews the admission, reports the place in line, and
 * checks the worker's heartbeat. The admission is released before the final event is
 * yielded, so the room's next job is admitted as soon as the room sees this one end.
 */
export class QueuedJob<E> {
  readonly id = randomUUID();
  #phase: Phase = 'waiting';
  #enqueued = false;
  #position = 0;
  #lastStateCheck = 0;
  /** When BullMQ was first seen holding the job as active while no heartbeat existed. */
  #activeSince: number | undefined;
  #stopDeadline = 0;
  /** A tick waits in #notes: a consumer that pulls slowly must not pile up Redis checks. */
  #tickPending = false;
  readonly #admission: RedisLease;
  readonly #notes = new AsyncQueue<Note>();
  readonly #disposers: Array<() => void> = [];

  constructor(private readonly o: QueuedJobOptions<E>) {
    this.#admission = new RedisLease(o.redis, queueKeys.admission(o.request.queueKey, this.id), this.id, o.leaseMs);
  }

  async *events(): AsyncGenerator<E, void, undefined> {
    const { stream, signal } = this.o;
    if (signal.aborted) return yield stream.stopped();
    try {
      if (!(await this.#admission.acquire())) {
        this.#phase = 'finished';
        return yield stream.failed(BUSY_MESSAGE);
      }
      yield* this.#follow();
    } catch (err) {
      if (this.#phase !== 'finished') {
        const message = `The code runner's queue failed: ${err instanceof Error ? err.message : String(err)}`;
        yield await this.#finish(signal.aborted ? stream.stopped() : stream.failed(message));
      }
    } finally {
      await this.#cleanup();
    }
  }

  /**
   * Stops the job wherever it is and gives up its admission, without waiting for any
   * event (the judge is closing).
   */
  async abandon(): Promise<void> {
    if (this.#phase === 'finished') return;
    await this.#requestStop();
    await this.#admission.release();
  }

  async *#follow(): AsyncGenerator<E, void, undefined> {
    const { redis, queue, follower, stream, signal, leaseMs } = this.o;
    if ((await redis.zcard(queueKeys.waiting)) >= this.o.maxQueued) {
      return yield await this.#finish(
        stream.failed(`The code runner is busy (${this.o.maxQueued} jobs are already waiting). Try again in a moment.`),
      );
    }
    // Followed before the job exists, so its first event cannot be missed.
    const unfollow = follower.follow(queueKeys.events(this.id), (fields) =>
      this.#notes.push({ kind: 'entry', fields }),
    );
    const onAbort = () => this.#notes.push({ kind: 'abort' });
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setInterval(() => {
      if (this.#tickPending) return;
      this.#tickPending = true;
      this.#notes.push({ kind: 'tick' });
    }, leaseMs / 5);
    this.#disposers.push(
      unfollow,
      () => signal.removeEventListener('abort', onAbort),
      () => clearInterval(timer),
    );
    if (signal.aborted) onAbort();

    await execAll(
      redis
        .multi()
        .set(queueKeys.request(this.id), JSON.stringify(this.o.request), 'PX', REQUEST_TTL_MS)
        .zadd(queueKeys.waiting, Date.now(), this.id),
    );
    this.#enqueued = true;
    // The request stays out of the job: BullMQ copies job data through Lua scripts and
    // events, and a submission's tests may weigh megabytes.
    await queue.add(this.o.name, {}, { jobId: this.id, removeOnComplete: true, removeOnFail: { age: 3_600 } });
    if (this.o.stdin) this.#sendStdin(this.o.stdin);

    for (;;) {
      const note = await this.#notes.shift();
      const out =
        note.kind === 'entry'
          ? await this.#onEntry(note.fields)
          : note.kind === 'tick'
            ? await this.#onTick()
            : await this.#onAbort();
      if (out !== undefined) yield out;
      if (this.#phase === 'finished') return;
    }
  }

  /** Input typed while the job waits for a worker stays in the stream until the worker reads it from the start. */
  #sendStdin(stdin: AsyncIterable<StdinChunk>): void {
    const { redis, log } = this.o;
    const key = queueKeys.input(this.id);
    const ended = new AbortController();
    this.#disposers.push(() => ended.abort());
    void pipeStdin(stdin, ended.signal, async (chunk) => {
      await execAll(
        redis.multi().xadd(key, '*', queueKeys.eventField, JSON.stringify(chunk)).pexpire(key, REQUEST_TTL_MS),
      );
      return true;
    }).catch((err: unknown) => log.warn(`could not pass input to judge job ${this.id}`, err));
  }

  async #onEntry(fields: string[]): Promise<E | undefined> {
    const { stream } = this.o;
    const parsed = this.#parse(fields);
    if (parsed instanceof Error) {
      await this.#requestStop();
      return this.#finish(stream.failed(`The judge worker sent an invalid event (${parsed.message}).`));
    }
    stream.onEvent(parsed);
    if (this.#phase === 'waiting') this.#phase = 'running';
    return stream.isLast(parsed) ? this.#finish(parsed) : parsed;
  }

  async #onTick(): Promise<E | undefined> {
    this.#tickPending = false;
    if (!(await this.#admission.renew())) {
      // The worker stops the job itself when it sees the admission gone; this makes sure.
      await this.#requestStop();
      return this.#finish(this.o.stream.failed(LOST_MESSAGE));
    }
    return this.#phase === 'waiting' ? this.#checkWaiting() : this.#checkRunning();
  }

  async #checkWaiting(): Promise<E | undefined> {
    const { redis, queue, leaseMs, stream } = this.o;
    const [rank, alive] = (await execAll(
      redis.multi().zrank(queueKeys.waiting, this.id).exists(queueKeys.alive(this.id)),
    )) as [number | null, number];
    if (alive === 1) {
      this.#phase = 'running';
      return undefined;
    }
    // A worker leaves the waiting set and starts its heartbeat in one transaction: out of
    // the set without a heartbeat means the heartbeat lapsed.
    if (rank === null) return this.#workerDied(WORKER_STOPPED_MESSAGE);
    const now = performance.now();
    if (now - this.#lastStateCheck >= leaseMs) {
      this.#lastStateCheck = now;
      // A worker that died between taking the job from BullMQ and that transaction.
      const state = await queue.getJobState(this.id);
      if (state === 'active') this.#activeSince ??= now;
      if (state === 'failed' || state === 'completed' || state === 'unknown') {
        return this.#workerDied(WORKER_STOPPED_BEFORE_MESSAGE);
      }
      if (this.#activeSince !== undefined && now - this.#activeSince >= leaseMs) {
        return this.#workerDied(WORKER_STOPPED_BEFORE_MESSAGE);
      }
    }
    if (rank + 1 === this.#position) return undefined;
    this.#position = rank + 1;
    return stream.queued(this.#position);
  }

  async #checkRunning(): Promise<E | undefined> {
    if ((await this.o.redis.exists(queueKeys.alive(this.id))) === 0) {
      // The worker renews its heartbeat until after the job's last event and lets it
      // lapse by itself (a full lease later), so a missing heartbeat with no last event
      // means the worker is gone.
      return this.#workerDied(WORKER_STOPPED_MESSAGE);
    }
    if (this.#phase === 'stopping' && performance.now() > this.#stopDeadline)
      return this.#finish(this.o.stream.stopped());
    return undefined;
  }

  async #onAbort(): Promise<E | undefined> {
    if (this.#phase === 'finished' || this.#phase === 'stopping') return undefined;
    if (await this.#requestStop()) return this.#finish(this.o.stream.stopped());
    // A worker has it: its own final event (stopped) follows, or the heartbeat check ends the wait.
    this.#phase = 'stopping';
    this.#stopDeadline = performance.now() + 2 * this.o.leaseMs;
    return undefined;
  }

  async #workerDied(message: string): Promise<E> {
    // It may only be cut off from Redis: it must not go on running a job no one waits for.
    await this.#requestStop();
    return this.#finish(this.o.signal.aborted ? this.o.stream.stopped() : this.o.stream.failed(message));
  }

  /** True when the job was removed before any worker took it; else asks its worker to stop it. */
  async #requestStop(): Promise<boolean> {
    if (!this.#enqueued) return true;
    // 0 when a worker holds the job's lock (or it is gone already).
    if ((await this.o.queue.remove(this.id)) === 1) return true;
    await execAll(
      this.o.redis
        .multi()
        .set(queueKeys.cancel(this.id), '1', 'PX', REQUEST_TTL_MS)
        .publish(queueKeys.cancelChannel, this.id),
    );
    return false;
  }

  /** Ends the job: the admission goes first, so the room's next job can start once it sees this event. */
  async #finish(event: E): Promise<E> {
    this.#phase = 'finished';
    await this.#admission.release().catch((err: unknown) => {
      // It expires LEASE_MS after the last renewal; until then the room's next job is refused.
      this.o.log.warn('could not release a judge admission', err);
    });
    return event;
  }

  #parse(fields: string[]): E | Error {
    const raw = fields[0] === queueKeys.eventField ? fields[1] : undefined;
    if (raw === undefined) return new Error('an entry without an event');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return new Error('an event is not JSON');
    }
    const result = this.o.stream.schema.safeParse(json);
    return result.success ? result.data : new Error(result.error.message);
  }

  async #cleanup(): Promise<void> {
    for (const dispose of this.#disposers.splice(0)) dispose();
    try {
      // The consumer stopped iterating early, or Redis failed midway.
      if (this.#phase !== 'finished') await this.abandon();
      if (this.#enqueued) {
        await execAll(
          this.o.redis
            .multi()
            .del(queueKeys.request(this.id), queueKeys.events(this.id), queueKeys.input(this.id))
            .zrem(queueKeys.waiting, this.id),
        );
      }
    } catch (err) {
      // Every key of the job has a TTL; a lapsed admission stops the worker's job.
      this.o.log.warn(`could not clean up judge job ${this.id}; its keys expire by themselves`, err);
    }
  }
}
