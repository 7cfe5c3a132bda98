import type { FinishedEvent, ServerMessage, SubmissionView, TestEvent } from '@codestream/shared';

/**
 * Folds one server message into the submission this client shows (the active one or
 * the last). Never mutates `submission`: the UI compares references.
 */
export function applySubmissionMessage(
  submission: SubmissionView | null,
  message: ServerMessage,
): SubmissionView | null {
  switch (message.type) {
    case 'room-state':
      return message.submission ? { ...message.submission, events: [...message.submission.events] } : null;
    case 'submission-started':
      return { ...message.submission, events: [] };
    case 'submission-event':
      // Late frames of a submission this client already replaced, or after `finished`.
      if (!submission || submission.id !== message.submissionId || isSubmissionFinished(submission)) {
        return submission;
      }
      return { ...submission, events: [...submission.events, message.event] };
    case 'run-started':
    case 'run-event':
    case 'refused':
    case 'settings':
    case 'update-refused':
    case 'storage':
    // Chat, following, the class and notices are held by RoomConnection too.
    case 'chat':
    case 'chat-history':
    case 'follow':
    case 'class':
    case 'notice':
      return submission;
    default: {
      const unreachable: never = message;
      throw new Error(`unhandled server message ${JSON.stringify(unreachable)}`);
    }
  }
}

export function isSubmissionFinished(submission: Pick<SubmissionView, 'events'>): boolean {
  return submission.events.at(-1)?.type === 'finished';
}

export function isSubmissionActive(submission: SubmissionView | null): boolean {
  return submission !== null && !isSubmissionFinished(submission);
}

/**
 * `waiting`: accepted, nothing heard from the judge yet; `queued`: waiting for a free
 * sandbox; `compiling`; `judging`: tests are running (or about to); `finished`.
 */
export type SubmissionPhase = 'waiting' | 'queued' | 'compiling' | 'judging' | 'finished';

export interface SubmissionProgress {
  phase: SubmissionPhase;
  /** Position in the judge's queue while `queued` (1 = next). */
  queuePosition: number | null;
  /** The compile step's result, for languages that have one. */
  compile: { ok: boolean; message?: string; truncatedAfterBytes?: number } | null;
  /** One per judged test, in test order. */
  tests: TestEvent[];
  /** Tests the problem has (from `finished` once known, else the announced total). */
  total: number;
  finished: FinishedEvent | null;
}

/** What the verdicts panel shows of a submission, from its events so far. */
export function submissionProgress(submission: Pick<SubmissionView, 'events' | 'total'>): SubmissionProgress {
  let phase: SubmissionPhase = 'waiting';
  let queuePosition: number | null = null;
  let compile: SubmissionProgress['compile'] = null;
  let finished: FinishedEvent | null = null;
  const byIndex = new Map<number, TestEvent>();
  for (const event of submission.events) {
    switch (event.type) {
      case 'queued':
        phase = 'queued';
        queuePosition = event.position;
        break;
      case 'compiling':
        phase = 'compiling';
        break;
      case 'compiled':
        compile = {
          ok: event.ok,
          ...(event.message ? { message: event.message } : {}),
          ...(event.truncatedAfterBytes ? { truncatedAfterBytes: event.truncatedAfterBytes } : {}),
        };
        phase = 'judging';
        break;
      case 'test':
        byIndex.set(event.index, event);
        phase = 'judging';
        break;
      case 'finished':
        finished = event;
        phase = 'finished';
        break;
      default: {
        const unreachable: never = event;
        throw new Error(`unknown submit event ${JSON.stringify(unreachable)}`);
      }
    }
    if (phase !== 'queued') queuePosition = null;
  }
  const tests = [...byIndex.values()].sort((a, b) => a.index - b.index);
  return { phase, queuePosition, compile, tests, total: finished?.total ?? submission.total, finished };
}

/** What the status line says while a submission is not finished. */
export function submissionStatusText(progress: Pick<SubmissionProgress, 'phase' | 'queuePosition'>): string | null {
  switch (progress.phase) {
    case 'waiting':
      return 'Starting…';
    case 'queued':
      return `Judge busy — position ${progress.queuePosition ?? 1}`;
    case 'compiling':
      return 'Compiling…';
    case 'judging':
      return 'Judging…';
    case 'finished':
      return null;
    default: {
      const unreachable: never = progress.phase;
      return unreachable;
    }
  }
}
