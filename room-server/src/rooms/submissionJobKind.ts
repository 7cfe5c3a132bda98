import type { FinishedEvent, Judge, LanguageId, SubmissionView, SubmitEvent, SubmitRequest } from '@codestream/shared';
import type { SubmissionPlan } from '../submissions/submissionPlan.ts';
import { type JobKind, JobNotJudgedError } from './RoomJobs.ts';
import type { RoomStore } from './RoomStore.ts';
import { codeRefusal } from './runJobKind.ts';

/** A participant's Submit: the room's code as it is now, for the room's problem. */
export interface SubmissionInput {
  userId: string | null;
  submittedBy: string;
  problemSlug: string;
  language: LanguageId;
  code: string;
}

export interface SubmissionJob {
  view: SubmissionView;
  event: SubmitEvent;
  final: FinishedEvent;
  input: SubmissionInput;
  request: SubmitRequest;
}

export interface SubmissionJobKindOptions {
  roomId: string;
  judge: Judge;
  store: Pick<RoomStore, 'insertSubmission' | 'finishSubmission'>;
  /** The problem's tests, checker and limits, or why it cannot be judged. */
  plan(problemSlug: string): Promise<SubmissionPlan | string>;
}

/**
 * The submissions of a room: the room's code judged against every test of its problem,
 * each test's verdict broadcast as soon as it is known.
 */
export function submissionJobKind({ roomId, judge, store, plan }: SubmissionJobKindOptions): JobKind<SubmissionJob> {
  return {
    noun: 'submission',
    refuse: ({ code }) => codeRefusal(code),
    view: ({ submittedBy, language, problemSlug }, id, requestedAt) => ({
      id,
      submittedBy,
      language,
      problemSlug,
      requestedAt,
      total: 0,
      events: [],
    }),
    title: (view) => `A submission by ${view.submittedBy}`,
    prepare: async (view, { language, code }, requestId) => {
      const planned = await plan(view.problemSlug);
      if (typeof planned === 'string') throw new JobNotJudgedError(planned);
      view.total = planned.tests.length;
      return { ...planned, language, code, queueKey: roomId, requestId };
    },
    judge: (request, signal) => judge.submit(request, signal),
    fold: (view, event) => {
      view.events.push(event);
    },
    isFinal: (event) => event.type === 'finished',
    unfinished: (view, { stopped, reason }) => ({
      type: 'finished',
      verdict: 'internal-error',
      passed: 0,
      total: view.total,
      totalMs: Date.now() - view.requestedAt,
      ...(stopped
        ? { message: 'The submission was stopped.', stopped: true }
        : { message: reason ?? 'The judge could not finish this submission. Try again.' }),
    }),
    started: ({ events: _events, ...submission }) => ({ type: 'submission-started', submission }),
    event: (view, event) => ({ type: 'submission-event', submissionId: view.id, event }),
    insert: (view, { userId, code }) =>
      store.insertSubmission({
        _id: view.id,
        roomId,
        problemSlug: view.problemSlug,
        userId,
        submittedBy: view.submittedBy,
        language: view.language,
        code,
        requestedAt: new Date(view.requestedAt),
        total: view.total,
      }),
    finish: (view, finished, ifUnfinished) => store.finishSubmission(view.id, view.events, finished, ifUnfinished),
  };
}
