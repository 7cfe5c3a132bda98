import { randomUUID } from 'node:crypto';
import {
  appendRunEvent,
  type ExitEvent,
  type Judge,
  type RunLimits,
  type RunRequest,
  type RunView,
  type ServerMessage,
} from '@codestream/shared';
import type { RunRepository } from '../db/RunRepository.ts';
import type { Logger } from '../logger.ts';
import type { JobSlot } from './JobSlot.ts';

export interface RoomRunsOptions {
  roomId: string;
  /** Shared with submissions: one job per room at a time. */
  slot: JobSlot;
  judge: Judge;
  runs: RunRepository;
  limits: RunLimits;
  /** The last run stored for this room (shown to people who join later). */
  lastRun: RunView | null;
  broadcast(message: ServerMessage): void;
  log: Logger;
}

/**
 * The runs of one room. Every judge event is appended to the run's view and broadcast
 * as it arrives; the run is stored when it ends.
 */
export class RoomRuns {
  private active: RunView | null = null;
  private last: RunView | null;

  constructor(private readonly options: RoomRunsOptions) {
    this.last = options.lastRun;
  }

  /** The active run, else the last finished one. */
  get current(): RunView | null {
    return this.active ?? this.last;
  }

  /** Starts a run, or returns why it was refused. */
  start(startedBy: string, request: Omit<RunRequest, 'limits' | 'queueKey'>): string | null {
    const refusal = this.options.slot.refusal;
    if (refusal) return refusal;
    const view: RunView = {
      id: randomUUID(),
      startedBy,
      language: request.language,
      requestedAt: Date.now(),
      events: [],
    };
    this.active = view;
    const { events: _events, ...summary } = view;
    this.options.broadcast({ type: 'run-started', run: summary });
    const full: RunRequest = { ...request, limits: this.options.limits, queueKey: this.options.roomId };
    this.options.slot.occupy(`A run started by ${startedBy}`, (signal, release) =>
      this.execute(view, full, signal, () => {
        if (this.active === view) {
          this.active = null;
          this.last = view;
        }
        release();
      }),
    );
    return null;
  }

  /** `ended` is called once the exit is out, before the run is stored. */
  private async execute(view: RunView, request: RunRequest, signal: AbortSignal, ended: () => void): Promise<void> {
    const { roomId, judge, runs, log } = this.options;
    // Stored concurrently with the run so the database never delays the first output.
    const inserted = runs
      .insert({
        _id: view.id,
        roomId,
        startedBy: view.startedBy,
        language: request.language,
        code: request.code,
        stdin: request.stdin,
        requestedAt: new Date(view.requestedAt),
      })
      .then(
        () => true,
        (err) => {
          log.error({ err, runId: view.id }, 'storing run failed');
          return false;
        },
      );
    let exit: ExitEvent | undefined;
    try {
      for await (const event of judge.run(request, signal)) {
        this.publish(view, event);
        if (event.type === 'exit') {
          exit = event;
          // The judge still removes the container; the room need not wait for that.
          ended();
        }
      }
    } catch (err) {
      log.error({ err, runId: view.id }, 'judge failed');
    }
    if (!exit) {
      exit = {
        type: 'exit',
        outcome: 'error',
        code: null,
        signal: null,
        durationMs: Date.now() - view.requestedAt,
        message: 'The judge stopped unexpectedly. Try again.',
      };
      this.publish(view, exit);
    }
    ended();
    if (await inserted) {
      await runs
        .finish(view.id, view.events, exit)
        .catch((err) => log.error({ err, runId: view.id }, 'storing run result failed'));
    }
  }

  private publish(view: RunView, event: RunView['events'][number]): void {
    appendRunEvent(view.events, event);
    this.options.broadcast({ type: 'run-event', runId: view.id, event });
  }
}
