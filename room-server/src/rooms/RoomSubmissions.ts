import { randomUUID } from 'node:crypto';
import type {
  FinishedEvent,
  Judge,
  LanguageId,
  ServerMessage,
  SubmissionView,
  SubmitEvent,
  SubmitRequest,
} from '@codestream/shared';
import type { SubmissionRepository } from '../db/SubmissionRepository.ts';
import type { Logger } from '../logger.ts';
import type { JobSlot } from './JobSlot.ts';

/** What the judge needs of the room's problem; loaded when someone submits. */
export type SubmissionPlan = Omit<SubmitRequest, 'language' | 'code' | 'queueKey'>;

export interface RoomSubmissionsOptions {
  roomId: string;
  slot: JobSlot;
  judge: Judge;
  submissions: SubmissionRepository;
  /** The problem's tests, checker and limits, or why it cannot be judged. */
  plan(problemSlug: string): Promise<SubmissionPlan | string>;
  lastSubmission: SubmissionView | null;
  broadcast(message: ServerMessage): void;
  log: Logger;
}

export interface Submitter {
  userId: string | null;
  name: string;
}

/**
 * Submissions of one room: the room's code judged against every test of its problem,
 * each test's verdict broadcast as soon as it is known, the whole stored at the end.
 */
export class RoomSubmissions {
  private active: SubmissionView | null = null;
  private last: SubmissionView | null;

  constructor(private readonly options: RoomSubmissionsOptions) {
    this.last = options.lastSubmission;
  }

  get current(): SubmissionView | null {
    return this.active ?? this.last;
  }

  /** Starts judging, or returns why not. */
  start(by: Submitter, problemSlug: string | null, language: LanguageId, code: string): string | null {
    if (!problemSlug) return 'This room is not on a problem: there is nothing to submit to. Use Run instead.';
    const refusal = this.options.slot.refusal;
    if (refusal) return refusal;
    const view: SubmissionView = {
      id: randomUUID(),
      submittedBy: by.name,
      language,
      problemSlug,
      requestedAt: Date.now(),
      total: 0,
      events: [],
    };
    this.active = view;
    this.options.slot.occupy(`A submission by ${by.name}`, (signal, release) =>
      this.execute(view, by, code, signal, () => {
        if (this.active === view) {
          this.active = null;
          this.last = view;
        }
        release();
      }),
    );
    return null;
  }

  /** `ended` is called once the final event is out, before the submission is stored. */
  private async execute(
    view: SubmissionView,
    by: Submitter,
    code: string,
    signal: AbortSignal,
    ended: () => void,
  ): Promise<void> {
    const { judge, submissions, roomId, log } = this.options;
    let finished: FinishedEvent | undefined;
    let reason = 'The judge could not finish this submission. Try again.';
    let announced = false;
    let inserted: Promise<boolean> = Promise.resolve(false);
    const announce = () => {
      const { events: _events, ...summary } = view;
      this.options.broadcast({ type: 'submission-started', submission: summary });
      announced = true;
    };
    try {
      const plan = await this.options.plan(view.problemSlug);
      if (typeof plan === 'string') {
        reason = plan;
        throw new Error(plan);
      }
      view.total = plan.tests.length;
      announce();
      // Stored while the judge works, so the database never delays the first verdict.
      inserted = submissions
        .insert({
          _id: view.id,
          roomId,
          problemSlug: view.problemSlug,
          userId: by.userId,
          submittedBy: by.name,
          language: view.language,
          code,
          requestedAt: new Date(view.requestedAt),
          total: view.total,
        })
        .then(
          () => true,
          (err) => {
            log.error({ err, submissionId: view.id }, 'storing submission failed');
            return false;
          },
        );
      const request: SubmitRequest = { ...plan, language: view.language, code, queueKey: roomId };
      for await (const event of judge.submit(request, signal)) {
        this.publish(view, event);
        if (event.type === 'finished') {
          finished = event;
          // The judge still removes the container; the room need not wait for that.
          ended();
        }
      }
    } catch (err) {
      log.error({ err, submissionId: view.id }, 'submission failed');
    }
    if (!finished) {
      // Failed before it was announced (e.g. the problem was deleted): the room still sees why.
      if (!announced) announce();
      finished = {
        type: 'finished',
        verdict: 'internal-error',
        passed: 0,
        total: view.total,
        totalMs: Date.now() - view.requestedAt,
        ...(signal.aborted ? { message: 'The submission was stopped.', stopped: true } : { message: reason }),
      };
      this.publish(view, finished);
    }
    ended();
    if (await inserted) {
      await submissions
        .finish(view.id, view.events, finished)
        .catch((err) => log.error({ err, submissionId: view.id }, 'storing submission failed'));
    }
  }

  private publish(view: SubmissionView, event: SubmitEvent): void {
    view.events.push(event);
    this.options.broadcast({ type: 'submission-event', submissionId: view.id, event });
  }
}
