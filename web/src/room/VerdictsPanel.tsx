import { findLanguageInfo, type SubmissionView } from '@codestream/shared';
import { languageOptionLabel } from '../components/LanguagePicker.tsx';
import { SubmissionResults } from '../components/SubmissionResults.tsx';
import { formatClockTime } from '../lib/format.ts';

/** The room's submission as it is judged (a tab of ResultsPanel): who submitted what, then its results. */
export function VerdictsPanel({ submission }: { submission: SubmissionView | null }) {
  if (!submission) {
    return (
      <div class="console-body verdicts-body">
        <p class="console-empty" data-testid="verdicts-empty">
          Press Submit to judge the code against every test of the problem. Everyone in the room sees the verdicts.
        </p>
      </div>
    );
  }
  const language = findLanguageInfo(submission.language);
  return (
    <>
      <div class="pane-subheader">
        <p class="run-meta">
          <span data-testid="submission-author" class="run-author">
            {submission.submittedBy}
          </span>{' '}
          submitted {language ? languageOptionLabel(language) : submission.language} at{' '}
          <time dateTime={new Date(submission.requestedAt).toISOString()}>
            {formatClockTime(submission.requestedAt)}
          </time>
        </p>
      </div>
      <section
        class="console-body verdicts-body"
        aria-label="Verdicts"
        data-testid="verdicts"
        data-submission-id={submission.id}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
      >
        <SubmissionResults submission={submission} />
      </section>
    </>
  );
}
