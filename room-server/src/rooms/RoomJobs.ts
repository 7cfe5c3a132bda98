import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ServerMessage } from '@codestream/shared';
import type { Logger } from '../log/logger.ts';
import type { JobSlot } from './JobSlot.ts';
import { OutputCoalescer, type OutputCoalescerOptions } from './OutputCoalescer.ts';

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

/** The end of a job whose server died while running it. */
export const JOB_SERVER_LOST = 'The server running this job stopped. Run it again.';

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
  judge(request: T['request'], signal: AbortSignal, view: T['view']): AsyncIterable<T['event']>;
  /** Folds an event into the view (runs merge consecutive output). */
  fold(view: T['view'], event: T['event'] | T['final']): void;
  /**
   * Events worth holding a few milliseconds to send many as one (a run's output); absent:
   * each event is sent as it comes. See OutputCoalescer.
   */
  coalesce?: Pick<OutputCoalescerOptions<T['event'] | T['final']>, 'holds' | 'merge'>;
  isFinal(event: T['event']): event is T['event'] & T['final'];
  /** The final event of a job the judge did not finish: stopped, or not judged for `reason`. */
  unfinished(view: T['view'], how: { stopped: boolean; reason: string | null }): T['final'];
  started(view: T['view']): ServerMessage;
  event(view: T['view'], event: T['event'] | T['final']): ServerMessage;
  insert(view: T['view'], input: T['input']): Promise<void>;
  /** Stores the job's end; `ifUnfinished`: only if no end is stored yet (another server may have stored the real one). */
  finish(view: T['view'], final: T['final'], ifUnfinished?: boolean): Promise<void>;
}

export interface RoomJobsOptions<T extends JobTypes> {
  kind: JobKind<T>;
  /** Shared by every kind: one job per room at a time. */
  slot: JobSlot;
  /** The last job stored for this room (shown to people who join later). */
  last: T['view'] | null;
  /** Sends a job's news to the room's clients; `here`: of a job on this server (other servers' copies hear it too). */
  broadcast(message: ServerMessage, here: boolean): void;
  /** The room's other servers, when there are: how to stop a job running on one of them. */
  elsewhere?: {
    stop(jobId: string): void;
    /** Whether any server holds the room's job slot (a job whose server died holds it no more). */
    running(): Promise<boolean>;
    /** True for the one server that records the end of a job whose server died. */
    claimSettling(jobId: string): Promise<boolean>;
    /** How often a job shown from another server is checked to still hold the slot. */
    checkEveryMs: number;
  };
  log: Logger;
}

/**
 * The jobs of one kind in one room: refused or started in the shared slot, announced,
 * every judge event folded into the view and broadcast as it arrives (output merged for
 * a few milliseconds first: the view holds what was broadcast, so a late joiner's state
 * and the frames after it never overlap), a final event made up when the judge gives
 * none, and the whole stored at the end. The job is stored concurrently with judging, so
 * the database never delays the first event.
 */
export class RoomJobs<T extends JobTypes> {
  private active: T['view'] | null = null;
  private last: T['view'] | null;
  /** The active job when another server runs it (this room shows its events as they come). */
  private mirrored: { view: T['view']; release: () => void; watch: NodeJS.Timeout | undefined } | null = null;

  constructor(private readonly options: RoomJobsOptions<T>) {
    this.last = options.last;
  }

  /** The active job, else the last finished one. */
  get current(): T['view'] | null {
    return this.active ?? this.last;
  }

  /** The job running now (here or on another server), else null. */
  get activeJob(): T['view'] | null {
    return this.active;
  }

  /** The active job if it runs on this server. */
  get runningHere(): T['view'] | null {
    return this.active && this.active !== this.mirrored?.view ? this.active : null;
  }

  /**
   * Starts a job, or tells `refused` why not (at once, or once another server is found to
   * hold the slot). Its request id (in the room's and the judge's log lines) is the asking
   * socket's id and the job's.
   */
  start(input: T['input'], refused: (message: string) => void, socketId?: string): void {
    const { kind, slot } = this.options;
    const refusal = kind.refuse(input) ?? slot.refusal;
    if (refusal) {
      refused(refusal);
      return;
    }
    const view = kind.view(input, randomUUID(), Date.now());
    const requestId = socketId ? `${socketId}.${view.id}` : view.id;
    // Active once the room's slot is taken on every server: until then the job is neither
    // shown to people joining nor reported to a server asking what runs (it may be refused).
    slot.occupy(
      kind.title(view),
      (signal, release) => {
        this.active = view;
        return this.execute(view, input, requestId, signal, () => {
          if (this.active === view) {
            this.active = null;
            this.last = view;
          }
          release();
        });
      },
      refused,
    );
  }

  /** Another server started a job in this room: it is shown here as it goes, and holds the slot here too. */
  mirrorStarted(view: T['view']): void {
    // Already shown: the job's state (asked for when Run here was refused) can arrive before its start.
    if (this.mirrored?.view.id === view.id) return;
    this.mirrored?.release();
    if (this.mirrored) clearInterval(this.mirrored.watch);
    const release = this.options.slot.hold(this.options.kind.title(view), () => this.stopElsewhere(view.id));
    this.mirrored = { view, release, watch: this.watch(view) };
    this.active = view;
    this.options.broadcast(this.options.kind.started(view), false);
  }

  /** An event of the job another server runs. */
  mirrorEvent(jobId: string, event: T['event'] | T['final']): void {
    const view = this.mirrored?.view;
    if (view?.id !== jobId) return;
    this.options.kind.fold(view, event);
    this.options.broadcast(this.options.kind.event(view, event), false);
    if (this.options.kind.isFinal(event as T['event'])) this.endMirror(view);
  }

  /**
   * The job another server runs, with every event so far (this room loaded while it ran,
   * or asked again after losing Redis): announced again from its start, so clients show it
   * whole and in order, unless what is shown here is the start of it (then only the rest).
   */
  mirrorState(view: T['view']): void {
    const { kind, broadcast } = this.options;
    let shown = 0;
    if (this.mirrored?.view.id === view.id) {
      const known = this.mirrored.view.events;
      const prefix = known.length <= view.events.length && known.every((e, i) => isDeepStrictEqual(e, view.events[i]));
      this.mirrored.view = view;
      this.active = view;
      if (prefix) shown = known.length;
      else broadcast(kind.started(view), false);
    } else {
      this.mirrorStarted(view);
    }
    for (const event of view.events.slice(shown)) broadcast(kind.event(view, event as T['event']), false);
    const last = view.events.at(-1) as T['event'] | undefined;
    if (last !== undefined && kind.isFinal(last)) this.endMirror(view);
  }

  private endMirror(view: T['view']): void {
    if (this.mirrored?.view !== view) return;
    this.mirrored.release();
    clearInterval(this.mirrored.watch);
    this.mirrored = null;
    if (this.active === view) {
      this.active = null;
      this.last = view;
    }
  }

  /**
   * Stop pressed here on another server's job: that server is asked to stop it. If no
   * server holds the slot any more, the one running it died: the job ends here as stopped.
   */
  private stopElsewhere(jobId: string): void {
    const { elsewhere, kind, log } = this.options;
    elsewhere?.stop(jobId);
    void (async () => {
      if (elsewhere && (await elsewhere.running())) return;
      const view = this.mirrored?.view;
      if (view?.id === jobId) this.mirrorEvent(jobId, kind.unfinished(view, { stopped: true, reason: null }));
    })().catch((err) => log.error({ err }, `checking the ${kind.noun} of another server failed`));
  }

  /** The room unloads: another server's job is no longer watched from here. */
  closeMirror(): void {
    clearInterval(this.mirrored?.watch);
  }

  /**
   * Checks, while another server's job is shown here, that its server still holds the
   * room's slot: a slot that lapsed without the job's final event means that server died.
   */
  private watch(view: T['view']): NodeJS.Timeout | undefined {
    const { elsewhere, kind, log } = this.options;
    if (!elsewhere) return undefined;
    let misses = 0;
    let checking = false;
    const timer = setInterval(() => {
      if (checking) return;
      checking = true;
      elsewhere
        .running()
        .then(
          (running) => {
            misses = running ? 0 : misses + 1;
            // Twice in a row: a final event published just before the slot's release may still be on its way.
            if (misses >= 2) this.lost(view);
          },
          (err) => log.error({ err }, `checking the ${kind.noun} of another server failed`),
        )
        .finally(() => {
          checking = false;
        });
    }, elsewhere.checkEveryMs);
    timer.unref();
    return timer;
  }

  /**
   * The server running the job died: every server showing it ends it for its clients, and
   * the one that wins the claim records the end (a later load would record a restart instead).
   */
  private lost(view: T['view']): void {
    const { elsewhere, kind, log } = this.options;
    if (this.mirrored?.view !== view || !elsewhere) return;
    const final = kind.unfinished(view, { stopped: false, reason: JOB_SERVER_LOST });
    log.warn({ [`${kind.noun}Id`]: view.id }, `the server running a ${kind.noun} stopped; it ends here`);
    this.mirrorEvent(view.id, final);
    elsewhere
      .claimSettling(view.id)
      // Its server may have stored the job's real end, whose event never reached this one (Redis away).
      .then((won) => (won ? kind.finish(view, final, true) : undefined))
      .catch((err) => log.error({ err }, `recording the end of a ${kind.noun} whose server stopped failed`));
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
    const publish = this.publisher(view);
    try {
      const request = await kind.prepare(view, input, requestId);
      this.options.broadcast(kind.started(view), true);
      announced = true;
      log.info(ids, `${kind.noun} started`);
      inserted = kind.insert(view, input).then(
        () => true,
        (err) => {
          log.error({ err, ...ids }, `storing ${kind.noun} failed`);
          return false;
        },
      );
      for await (const event of kind.judge(request, signal, view)) {
        publish(event);
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
      if (!announced) this.options.broadcast(kind.started(view), true);
      final = kind.unfinished(view, { stopped: signal.aborted, reason });
      publish(final);
    }
    ended();
    if (await inserted) {
      await kind.finish(view, final).catch((err) => log.error({ err, ...ids }, `storing ${kind.noun} result failed`));
    }
  }

  /** How one job's events reach the room: folded into its view and broadcast, merged first where the kind says. */
  private publisher(view: T['view']): (event: T['event'] | T['final']) => void {
    const { kind, broadcast } = this.options;
    const send = (event: T['event'] | T['final']) => {
      kind.fold(view, event);
      broadcast(kind.event(view, event), true);
    };
    if (!kind.coalesce) return send;
    const coalescer = new OutputCoalescer({ ...kind.coalesce, send });
    return (event) => coalescer.push(event);
  }
}
