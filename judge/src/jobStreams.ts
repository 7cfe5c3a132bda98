import {
  type ExitEvent,
  type FinishedEvent,
  type RunEvent,
  runEventSchema,
  type SubmitEvent,
  type SubmitRequest,
  submitEventSchema,
} from '@codestream/shared';
import { errorExit, STOPPED_MESSAGE } from './exitStatus.ts';

/**
 * How the event stream of one job (a run or a submission) ends and how a failure outside
 * the sandbox becomes its final event, for judges that carry events over a wire
 * (RemoteJudge over HTTP, QueueJudge over Redis). One object per job: it remembers when
 * the program started, for the duration of a stopped run.
 */
export interface JobStream<E> {
  /** A zod schema (structurally: judge does not depend on zod itself). */
  schema: { safeParse(value: unknown): { success: true; data: E } | { success: false; error: { message: string } } };
  isLast(event: E): boolean;
  /** The judge could not be reached or answered nonsense: one final event saying so. */
  failed(message: string): E;
  /** The caller aborted and the judge's own final event cannot reach it. */
  stopped(): E;
  /** The job waits for a sandbox; `position` 1 is next. */
  queued(position: number): E;
  /** Sees every valid event, in order. */
  onEvent(event: E): void;
}

export function runStream(): JobStream<RunEvent> {
  let startedAt: number | undefined;
  return {
    schema: runEventSchema,
    isLast: (event) => event.type === 'exit',
    failed: (message) => errorExit(message),
    stopped: (): ExitEvent => ({
      type: 'exit',
      outcome: 'stopped',
      code: null,
      signal: startedAt === undefined ? null : 'SIGKILL',
      durationMs: startedAt === undefined ? 0 : Math.round(performance.now() - startedAt),
      message: STOPPED_MESSAGE,
    }),
    queued: (position) => ({ type: 'queued', position }),
    onEvent: (event) => {
      if (event.type === 'started') startedAt = performance.now();
    },
  };
}

export function submitStream(request: Pick<SubmitRequest, 'tests'>): JobStream<SubmitEvent> {
  const startedAt = performance.now();
  const finished = (message: string): FinishedEvent => ({
    type: 'finished',
    verdict: 'internal-error',
    passed: 0,
    total: request.tests.length,
    totalMs: Math.round(performance.now() - startedAt),
    message,
  });
  return {
    schema: submitEventSchema,
    isLast: (event) => event.type === 'finished',
    failed: finished,
    stopped: () => ({ ...finished('The submission was stopped.'), stopped: true }),
    queued: (position) => ({ type: 'queued', position }),
    onEvent: () => {
      // A submission's final events do not depend on earlier ones.
    },
  };
}
