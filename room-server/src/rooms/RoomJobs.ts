import { randomUUID } from 'node:crypto';
import type { ServerMessage } from '@codestream/shared';
import type { Logger } from '../log/logger.ts';
import type { JobSlot } from './JobSlot.ts';

/** The types of one kind of job (runs, submissions). */
export interface JobTypes {
  /** What everyone in the room sees of a job: its events so far. */
  view: { id: string; requestedAt: number; events: unknown[] };
  /** One event of the judge. */
  event: unknown;
  /** The judge's last event of a job (one of `event`). */
  final: unknown;
  /** What a participant's request carries (who, the code, ...). */
  input: unknown;
  /** What the judge is asked. */
  request: unknown;
}

/** Thrown by JobKind.prepare: the job cannot be judged, and `message` tells the room why. */
export class JobNotJudgedError extends Error {
  readonly reason = 'job-not-judged';
}

/** What differs between runs and submissions; RoomJobs does the rest. */
export interface JobKind<T extends JobTypes> {
  /** Names the kind in logs: 'run', 'submission'. */
  noun: string;
  /** Why the input cannot start at all (checked before the slot), or null. */
  refuse(input: T['input']): string | null;
  /** The view of a new job. */
  view(input: T['input'], id: string, requestedAt: number): T['view'];
  /** Names the job in refusals while it holds the slot ("A run started by Ann"). */
  title(view: T['view']): string;
  /**
   * The judge's request, carrying `requestId` (it may fill in the view, e.g. a submission's
   * test count); may throw JobNotJudgedError.
   */
  prepare(view: T['view'], input: T['input'], requestId: string): Promise<T['request']>;
  judge(request: T['request'], signal: AbortSignal): AsyncIterable<T['event']>;
  /** Folds an event into the view (runs merge consecutive output). */
  fold(view: T['view'], event: T['event'] | T['final']): void;
  isFinal(event: T['event']): event is T['event'] & T['final'];
  /** The final event of a job the judge did not finish: stopped, or not judged for `reason`. */
  unfinished(view: T['view'], how: { stopped: boolean; reason: string | null }): T['final'];
  started(view: T['view']): ServerMessage;
  event(view: T['view'], event: T['event'] | T['final']): ServerMessage;
  insert(view: T['view'], input: T['input']): Promise<void>;
  finish(view: T['view'], final: T['final']): Promise<void>;
}

export interface RoomJobsOptions<T extends JobTypes> {
  kind: JobKind<T>;
  /** Shared by every kind: one job per room at a time. */
  slot: JobSlot;
  /** The last job stored for this room (shown to people who join later). */
  last: T['view'] | null;
  broadcast(message: ServerMessage): void;
  log: Logger;
}

/**
 * The jobs of one kind in one room: refused or started in the shared slot, announced,
 * every judge event folded into the view and broadcast as it arrives, a final event made
 * up when the judge gives none, and the whole stored at the end. The job is stored
 * concurrently with judging, so the database never delays the first event.
 */
export class RoomJobs<T extends JobTypes> {
  private active: T['view'] | null = null;
  private last: T['view'] | null;

  constructor(private readonly options: RoomJobsOptions<T>) {
    this.last = options.last;
  }

  /** The active job, else the last finished one. */
  get current(): T['view'] | null {
    return this.active ?? this.last;
  }

  /**
   * Starts a job, or returns why it was refused. Its request id (in the room's and the
   * judge's log lines) is the asking socket's id and the job's.
   */
  start(input: T['input'], socketId?: string): string | null {
    const { kind, slot } = this.options;
    const refusal = kind.refuse(input) ?? slot.refusal;
    if (refusal) return refusal;
    const view = kind.view(input, randomUUID(), Date.now());
    const requestId = socketId ? `${socketId}.${view.id}` : view.id;
    this.active = view;
    slot.occupy(kind.title(view), (signal, release) =>
      this.execute(view, input, requestId, signal, () => {
        if (this.active === view) {
          this.active = null;
          this.last = view;
        }
        release();
      }),
    );
    return null;
  }

  /** `ended` is called once the final event is out, before the job is stored. */
  private async execute(
    view: T['view'],
    input: T['input'],
    requestId: string,
    signal: AbortSignal,
    ended: () => void,
  ): Promise<void> {
    const { kind, log } = this.options;
    const ids = { [`${kind.noun}Id`]: view.id, requestId };
    let final: T['final'] | undefined;
    let reason: string | null = null;
    let announced = false;
    let inserted: Promise<boolean> = Promise.resolve(false);
    try {
      const request = await kind.prepare(view, input, requestId);
      this.options.broadcast(kind.started(view));
      announced = true;
      log.info(ids, `${kind.noun} started`);
      inserted = kind.insert(view, input).then(
        () => true,
        (err) => {
          log.error({ err, ...ids }, `storing ${kind.noun} failed`);
          return false;
        },
      );
      for await (const event of kind.judge(request, signal)) {
        this.publish(view, event);
        if (kind.isFinal(event)) {
          final = event;
          // The judge still removes the container; the room need not wait for that.
          ended();
        }
      }
    } catch (err) {
      if (err instanceof JobNotJudgedError) reason = err.message;
      else log.error({ err, ...ids }, `${kind.noun} failed`);
    }
    if (!final) {
      // Not judged (e.g. the problem was deleted) or the judge failed: the room still sees why.
      if (!announced) this.options.broadcast(kind.started(view));
      final = kind.unfinished(view, { stopped: signal.aborted, reason });
      this.publish(view, final);
    }
    ended();
    if (await inserted) {
      await kind.finish(view, final).catch((err) => log.error({ err, ...ids }, `storing ${kind.noun} result failed`));
    }
  }

  private publish(view: T['view'], event: T['event'] | T['final']): void {
    this.options.kind.fold(view, event);
    this.options.broadcast(this.options.kind.event(view, event));
  }
}
