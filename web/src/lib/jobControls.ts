import type { RunView, SubmissionView } from '@codestream/shared';

/** A request sent to the server whose answer (`*-started` or `refused`) has not arrived yet. */
export type PendingRequest = 'run' | 'submit' | null;

export interface JobControlsInput {
  live: boolean;
  runActive: boolean;
  submissionActive: boolean;
  pending: PendingRequest;
  /** The room was opened on a problem: there is something to submit to. */
  onProblem: boolean;
}

export interface JobControls {
  canRun: boolean;
  /** Why Run is disabled, for its tooltip; null when it is enabled. */
  runBlockedReason: string | null;
  canSubmit: boolean;
  submitBlockedReason: string | null;
  /** Submit cannot work in this room at all (not a passing state like a run in progress). */
  submitUnavailable: boolean;
  canStop: boolean;
  stopTitle: string;
}

export const NOT_ON_PROBLEM_HINT =
  'Submit judges the code against a problem’s tests, and this room was not opened on a problem. Use Run here.';

/**
 * What Run, Submit and Stop can do now. One room does one thing at a time (a run or a
 * submission), so each blocks the others and Stop stops whichever is going.
 */
export function jobControls({ live, runActive, submissionActive, pending, onProblem }: JobControlsInput): JobControls {
  const busy: string | null = !live
    ? 'Not connected'
    : runActive
      ? 'A run is in progress'
      : submissionActive
        ? 'A submission is being judged'
        : pending === 'run'
          ? 'Starting the run'
          : pending === 'submit'
            ? 'Starting the submission'
            : null;
  const submitBlockedReason = onProblem ? busy : NOT_ON_PROBLEM_HINT;
  return {
    canRun: busy === null,
    runBlockedReason: busy,
    canSubmit: submitBlockedReason === null,
    submitBlockedReason,
    submitUnavailable: !onProblem,
    canStop: live && (runActive || submissionActive),
    stopTitle: submissionActive ? 'Stop judging the submission' : 'Stop the running program',
  };
}

export type JobKind = 'run' | 'submission';

/** The room's most recent job (what its results area should show first), or null. */
export function latestJob(
  run: Pick<RunView, 'id' | 'requestedAt'> | null,
  submission: Pick<SubmissionView, 'id' | 'requestedAt'> | null,
): { kind: JobKind; id: string } | null {
  if (run && (!submission || run.requestedAt > submission.requestedAt)) return { kind: 'run', id: run.id };
  if (submission) return { kind: 'submission', id: submission.id };
  return null;
}
