import type { FinishedEvent } from '@codestream/shared';
import { formatDuration } from '../lib/exitStatus.ts';
import { OVERALL_VERDICT_RULE, overallVerdictInfo } from '../lib/verdicts.ts';

/** The overall verdict of a finished submission: what, how many passed, how long; the rule in its tooltip. */
export function VerdictBanner({
  finished,
  ruleId,
  hideMessage = false,
}: {
  finished: FinishedEvent;
  /** id of the element that states the rule (kept outside live regions, so it is not re-announced). */
  ruleId: string;
  /** The message is shown elsewhere (the compiler's output starts with it). */
  hideMessage?: boolean;
}) {
  const info = overallVerdictInfo(finished);
  return (
    <section
      class={`verdict-banner verdict-${info.tone}`}
      data-testid="verdict-banner"
      data-verdict={finished.verdict}
      data-stopped={finished.stopped ? 'true' : undefined}
      aria-label="Overall verdict"
      title={OVERALL_VERDICT_RULE}
      aria-describedby={ruleId}
    >
      <p class="verdict-banner-main">
        <strong class="verdict-banner-label" data-testid="verdict-overall">
          {info.label}
        </strong>
        <span class="verdict-banner-score" data-testid="verdict-score">
          {finished.passed}/{finished.total} passed
        </span>
        <span class="verdict-banner-time">
          {formatDuration(finished.totalMs)}
          {finished.compileMs !== undefined && ` (compile ${formatDuration(finished.compileMs)})`}
        </span>
      </p>
      {finished.message && !hideMessage && (
        <p class="verdict-banner-message" data-testid="verdict-message">
          {finished.message}
        </p>
      )}
    </section>
  );
}
