import type { SubmissionView } from '@codestream/shared';
import { formatBytes } from '../lib/format.ts';
import { type SubmissionProgress, submissionProgress, submissionStatusText } from '../lib/submissionState.ts';
import { OVERALL_VERDICT_RULE } from '../lib/verdicts.ts';
import { VerdictBanner } from './VerdictBanner.tsx';
import { VerdictTable } from './VerdictTable.tsx';

/** The compiler's message, marked where the judge cut it as the console marks cut output. */
function CompileMessage({ compile }: { compile: NonNullable<SubmissionProgress['compile']> }) {
  return (
    <pre data-testid="compile-message">
      {compile.message ?? 'The compiler gave no message.'}
      {compile.truncatedAfterBytes !== undefined && (
        <span class="out-marker" data-testid="truncated">
          {`\n… compiler message truncated after ${formatBytes(compile.truncatedAfterBytes)} …`}
        </span>
      )}
    </pre>
  );
}

/** Tests judged out of the problem's total, as a bar and in words. */
function TestProgress({ judged, total, done }: { judged: number; total: number; done: boolean }) {
  const percent = total > 0 ? Math.min(100, Math.round((judged / total) * 100)) : done ? 100 : 0;
  return (
    <div class="test-progress">
      <div
        class={`progress${done ? ' done' : ''}`}
        role="progressbar"
        aria-label="Tests judged"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={judged}
        aria-valuetext={`${judged} of ${total} tests judged`}
        data-testid="verdict-progress"
      >
        <div class="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <span class="progress-text" data-testid="verdict-progress-text">
        {judged}/{total} tests judged
      </span>
    </div>
  );
}

/**
 * A submission's results from its events: the overall verdict once finished, progress
 * while judged, the compiler's complaint, one row per test.
 */
export function SubmissionResults({
  submission,
  progressWhenFinished = true,
}: {
  submission: Pick<SubmissionView, 'id' | 'events' | 'total'>;
  /** Keep the progress bar once finished (the room does; the submission's page need not). */
  progressWhenFinished?: boolean;
}) {
  const progress = submissionProgress(submission);
  const { compile, tests, total, finished } = progress;
  const status = submissionStatusText(progress);
  const ruleId = `verdict-rule-${submission.id}`;
  return (
    <>
      {/* One live region for the whole course of the submission: status, then verdict. */}
      <div role="status" class="verdict-live">
        {finished ? (
          <VerdictBanner
            finished={finished}
            ruleId={ruleId}
            hideMessage={Boolean(
              compile && !compile.ok && finished.message && compile.message?.startsWith(finished.message),
            )}
          />
        ) : (
          status && (
            <p class="running" data-testid="submission-status" data-phase={progress.phase}>
              <span class="spinner" aria-hidden="true" />
              {status}
            </p>
          )
        )}
      </div>
      <p id={ruleId} class="sr-only">
        {OVERALL_VERDICT_RULE}
      </p>
      {(!finished || progressWhenFinished) && (
        <TestProgress judged={tests.length} total={total} done={finished !== null} />
      )}
      {compile && !compile.ok && (
        <div class="compile-error">
          <p class="compile-title">The code did not compile:</p>
          <CompileMessage compile={compile} />
        </div>
      )}
      {compile?.ok && compile.message && (
        <details class="compile-warnings">
          <summary>Compiler warnings</summary>
          <CompileMessage compile={compile} />
        </details>
      )}
      <VerdictTable tests={tests} />
      {finished && tests.length < total && finished.verdict !== 'compilation-error' && (
        <p class="muted small" data-testid="tests-skipped">
          {total - tests.length} of {total} tests did not run.
        </p>
      )}
    </>
  );
}
