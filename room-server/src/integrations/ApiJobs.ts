import { randomUUID } from 'node:crypto';
import {
  appendRunEvent,
  type Judge,
  type LanguageId,
  type RunEvent,
  type RunLimits,
  type SubmitEvent,
  type SubmitRequest,
} from '@codestream/shared';
import type { Logger } from '../log/logger.ts';
import type { SubmissionPlan } from '../submissions/submissionPlan.ts';
import type { ApiJobChange, ApiJobRecord, ApiJobRepository } from './ApiJobRepository.ts';
import type { ApiJobSlots } from './ApiJobSlots.ts';
import type { ApiCaller } from './apiCaller.ts';
import { finalEvent, judgeFailedEvent } from './apiJobViews.ts';
import { followStored, type JobEvent } from './followStored.ts';

export interface ApiJobSettings {
  /** How long a job is kept after it was made (API_JOB_TTL_HOURS). */
  ttlMs: number;
  /** Jobs one caller may have queued or running at once (API_MAX_PENDING_JOBS). */
  maxPendingJobs: number;
  /** How often this process renews the heartbeat of its jobs; one silent for 3 of these was cut off. */
  heartbeatMs: number;
}

export const DEFAULT_API_JOB_SETTINGS: ApiJobSettings = {
  ttlMs: 24 * 3_600_000,
  maxPendingJobs: 10,
  heartbeatMs: 10_000,
};

/** Progress is stored at most this often (the final state at once): polls see output as it comes. */
const FLUSH_MS = 250;
/** Expired jobs are deleted this often (the embedded database has no TTL index). */
const EXPIRY_SWEEP_MS = 3_600_000;
/** Longest pause between two tries to store a job's final state. */
const MAX_RETRY_MS = 30_000;

export type ApiJobSpec =
  | { kind: 'run'; language: LanguageId; code: string; stdin: string; limits: RunLimits }
  | { kind: 'submission'; language: LanguageId; code: string; problemSlug: string; plan: SubmissionPlan };

/** Thrown by `start`: the caller already has its maximum of jobs in progress, or the server is stopping. */
export class ApiJobRefusedError extends Error {
  constructor(
    readonly reason: 'too-many-jobs' | 'stopping',
    message: string,
  ) {
    super(message);
  }
}

interface LiveJob {
  record: ApiJobRecord;
  listeners: Set<(event: JobEvent) => void>;
  controller: AbortController;
  writes: Promise<void>;
  flushTimer?: NodeJS.Timeout;
  /** Holds one of its caller's API_MAX_PENDING_JOBS slots: from its start until its result (or its end). */
  holdsSlot: boolean;
}

export interface ApiJobsOptions {
  repository: ApiJobRepository;
  judge: Judge;
  settings: ApiJobSettings;
  /** Where the jobs in progress of each caller are counted (this server's memory, or Redis for all servers). */
  slots: ApiJobSlots;
  log: Logger;
}

/**
 * The integration API's jobs in this process: each is stored before it is accepted,
 * judged by the judge rooms use, its progress stored as it comes and its final state
 * stored (retried) before it leaves memory. A caller is to the judge what a room is:
 * one queue key, one job in the judge at a time (the queue of judge workers admits one
 * per key), its others waiting here in order. A heartbeat marks the jobs this process is
 * judging, so another process (or this one after a restart) can tell a job cut off by a
 * crash and mark it interrupted.
 */
export class ApiJobs {
  private readonly live = new Map<string, LiveJob>();
  /** Per caller: settles when the caller's last job so far is out of the judge. */
  private readonly lines = new Map<string, Promise<void>>();
  private readonly executions = new Set<Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private closing?: Promise<void>;

  constructor(private readonly options: ApiJobsOptions) {}

  /** Marks interrupted what a dead process left unfinished, deletes expired jobs, starts the timers. */
  async open(): Promise<void> {
    const { repository, settings, log } = this.options;
    const now = new Date();
    const interrupted = await repository.interruptAbandoned(this.abandonedBefore(now), now);
    if (interrupted > 0) log.warn({ count: interrupted }, 'API jobs cut off by a stop were marked interrupted');
    await repository.deleteExpired(now);
    this.timers.push(
      setInterval(() => {
        if (this.live.size === 0) return;
        repository.heartbeat([...this.live.keys()], new Date()).catch((err) => {
          // Three missed beats in a row let a poll mark these jobs interrupted; their final write still wins.
          log.warn({ err }, 'renewing the heartbeat of API jobs failed');
        });
        const holders = [...this.live.values()].filter((job) => job.holdsSlot).map(slotHolder);
        if (holders.length > 0) this.options.slots.renew(holders);
      }, settings.heartbeatMs),
      setInterval(() => {
        repository.deleteExpired(new Date()).catch((err) => log.warn({ err }, 'deleting expired API jobs failed'));
      }, EXPIRY_SWEEP_MS),
    );
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Stores the job, then judges it in the background; refused when the caller has too
   * many in progress. Throws LimitUnavailableError when that cannot be counted.
   */
  async start(caller: ApiCaller, spec: ApiJobSpec): Promise<ApiJobRecord> {
    if (this.closing)
      throw new ApiJobRefusedError('stopping', 'The server is stopping: send the job again in a moment.');
    const id = randomUUID();
    // Taken before the job exists, so requests arriving together cannot pass the limit.
    const held = await this.options.slots.take(
      { callerKey: caller.key, jobId: id },
      this.options.settings.maxPendingJobs,
    );
    if (held !== null) {
      throw new ApiJobRefusedError(
        'too-many-jobs',
        `You have ${held} jobs queued or running, the most allowed at once: wait for one to finish.`,
      );
    }
    const now = new Date();
    const fields = {
      _id: id,
      caller: caller.key,
      userId: caller.userId,
      status: 'queued' as const,
      language: spec.language,
      createdAt: now,
      finishedAt: null,
      heartbeatAt: now,
      expiresAt: new Date(now.getTime() + this.options.settings.ttlMs),
      result: null,
    };
    const record: ApiJobRecord =
      spec.kind === 'run'
        ? { ...fields, kind: 'run', limits: spec.limits, events: [] }
        : { ...fields, kind: 'submission', problemSlug: spec.problemSlug, total: spec.plan.tests.length, events: [] };
    const job: LiveJob = {
      record,
      listeners: new Set(),
      controller: new AbortController(),
      writes: Promise.resolve(),
      holdsSlot: true,
    };
    this.live.set(record._id, job);
    try {
      await this.options.repository.insert(record);
    } catch (err) {
      this.live.delete(record._id);
      this.releaseSlot(job);
      throw err;
    }
    const ahead = this.lines.get(caller.key);
    let judged = () => {};
    const turn = new Promise<void>((resolve) => {
      judged = () => {
        if (this.lines.get(caller.key) === turn) this.lines.delete(caller.key);
        resolve();
      };
    });
    this.lines.set(caller.key, turn);
    const execution = this.execute(job, spec, { queueKey: `api:${caller.key}`, ahead, judged }).finally(() =>
      this.executions.delete(execution),
    );
    this.executions.add(execution);
    return record;
  }

  /** The caller's job: from memory while this process judges it, else as stored (settled if abandoned). */
  async find(id: string, callerKey: string): Promise<ApiJobRecord | null> {
    const job = this.live.get(id);
    if (job) return job.record.caller === callerKey ? job.record : null;
    const now = new Date();
    const record = await this.options.repository.find(id, callerKey, now);
    if (!record || record.result || record.status === 'interrupted') return record;
    if (await this.options.repository.interruptAbandoned(this.abandonedBefore(now), now, id)) {
      return { ...record, status: 'interrupted', finishedAt: now };
    }
    return record;
  }

  /**
   * Calls `onEvent` with every event of the job from its first, then each new one as it
   * comes, until the final one (resolves) or `signal` aborts (resolves early).
   */
  follow(record: ApiJobRecord, onEvent: (event: JobEvent) => void, signal: AbortSignal): Promise<void> {
    const job = this.live.get(record._id);
    if (!job) return followStored(record, onEvent, signal, (id) => this.find(id, record.caller));
    for (const event of job.record.events) onEvent(event);
    const final = finalEvent(job.record);
    if (final) {
      onEvent(final);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const stop = () => {
        job.listeners.delete(listener);
        signal.removeEventListener('abort', stop);
        resolve();
      };
      const listener = (event: JobEvent) => {
        onEvent(event);
        if (event.type === 'exit' || event.type === 'finished') stop();
      };
      job.listeners.add(listener);
      signal.addEventListener('abort', stop);
    });
  }

  /** Stops judging: jobs in progress are stored as interrupted. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const timer of this.timers) clearInterval(timer);
      for (const job of this.live.values()) job.controller.abort();
      await Promise.all(this.executions);
    })();
    return this.closing;
  }

  private abandonedBefore(now: Date): Date {
    return new Date(now.getTime() - 3 * this.options.settings.heartbeatMs);
  }

  /** Judges the job once the caller's job `ahead` is out of the judge; `judged` lets the next one in. */
  private async execute(
    job: LiveJob,
    spec: ApiJobSpec,
    turn: { queueKey: string; ahead: Promise<void> | undefined; judged: () => void },
  ): Promise<void> {
    const { judge, log } = this.options;
    const { record, controller } = job;
    const { signal } = controller;
    const { queueKey } = turn;
    try {
      await turn.ahead;
      const events: AsyncIterable<JobEvent> =
        spec.kind === 'run'
          ? judge.run(
              { language: spec.language, code: spec.code, stdin: spec.stdin, limits: spec.limits, queueKey },
              signal,
            )
          : judge.submit(
              { ...spec.plan, language: spec.language, code: spec.code, queueKey } satisfies SubmitRequest,
              signal,
            );
      // The judge still removes its container after the final event; the caller need not wait for that.
      for await (const event of events) if (!record.result && !this.closing) this.publish(job, event);
    } catch (err) {
      if (!signal.aborted) log.error({ err, apiJobId: record._id }, `API ${record.kind} failed`);
    } finally {
      turn.judged();
    }
    if (this.closing && !record.result) record.status = 'interrupted';
    else if (!record.result) this.publish(job, judgeFailedEvent(record));
    this.releaseSlot(job);
    record.finishedAt ??= new Date();
    const final = finalEvent(record);
    if (final && this.closing) for (const listener of [...job.listeners]) listener(final);
    clearTimeout(job.flushTimer);
    await job.writes;
    await this.storeFinal(record);
    this.live.delete(record._id);
  }

  private publish(job: LiveJob, event: JobEvent): void {
    const { record } = job;
    if (event.type === 'exit' || event.type === 'finished') {
      record.result = event as typeof record.result;
      record.status = 'finished';
      record.finishedAt = new Date();
      this.releaseSlot(job);
    } else {
      if (event.type !== 'queued') record.status = 'running';
      if (record.kind === 'run') appendRunEvent(record.events, event as RunEvent);
      else record.events.push(event as SubmitEvent);
      job.flushTimer ??= setTimeout(() => this.flush(job), FLUSH_MS);
    }
    for (const listener of [...job.listeners]) listener(event);
  }

  private releaseSlot(job: LiveJob): void {
    if (!job.holdsSlot) return;
    job.holdsSlot = false;
    this.options.slots.release(slotHolder(job));
  }

  private flush(job: LiveJob): void {
    job.flushTimer = undefined;
    const { record } = job;
    const progress: ApiJobChange = { status: record.status, events: [...record.events] as ApiJobRecord['events'] };
    job.writes = job.writes.then(() =>
      this.options.repository.update(record._id, progress).catch((err) => {
        // The next flush, or the final write (retried), stores the whole state again.
        this.options.log.warn({ err, apiJobId: record._id }, 'storing the progress of an API job failed');
      }),
    );
  }

  /** Retried until stored: the job stays in memory (answering polls here) meanwhile. */
  private async storeFinal(record: ApiJobRecord): Promise<void> {
    const { repository, log } = this.options;
    const { status, events, result, finishedAt } = record;
    for (let attempt = 0; ; attempt++) {
      try {
        await repository.update(record._id, { status, events, result, finishedAt });
        return;
      } catch (err) {
        log.error({ err, apiJobId: record._id, attempt }, 'storing the result of an API job failed; retrying');
        if (this.closing && attempt > 0) return;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * 2 ** attempt, MAX_RETRY_MS)));
      }
    }
  }
}

const slotHolder = (job: LiveJob) => ({ callerKey: job.record.caller, jobId: job.record._id });
