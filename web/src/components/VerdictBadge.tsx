import type { Verdict } from '@codestream/shared';
import { overallVerdictInfo, type VerdictTone } from '../lib/verdicts.ts';

const ICONS: Record<VerdictTone, string> = {
  success: '✓',
  failure: '✗',
  limit: '⏱',
  neutral: '!',
  muted: '■',
};

/**
 * A verdict as a coloured pill. Colour and icon are decoration: the label is the text,
 * so it reads the same without colour. In narrow tables (see styles.css, `.verdict-table-wrap`)
 * the pill shows the contest shorthand (WA) while the full label stays for screen readers
 * and in the tooltip. `stopped`: a submission stopped before every test was judged, shown
 * as "Stopped" whatever its verdict.
 */
export function VerdictBadge({
  verdict,
  stopped = false,
  label,
  title,
}: {
  verdict: Verdict;
  stopped?: boolean;
  label?: string;
  title?: string;
}) {
  const info = overallVerdictInfo({ verdict, stopped });
  const text = label ?? info.label;
  return (
    <span
      class={`verdict verdict-${info.tone}`}
      data-verdict={verdict}
      data-stopped={stopped ? 'true' : undefined}
      title={title ?? text}
    >
      <span class="verdict-icon" aria-hidden="true">
        {ICONS[info.tone]}
      </span>
      <span class="verdict-label">{text}</span>
      <span class="verdict-short" aria-hidden="true">
        {info.short}
      </span>
    </span>
  );
}

/** The verdict of a submission still being judged, in lists. */
export function PendingVerdict() {
  return (
    <span class="verdict verdict-pending" data-verdict="pending">
      <span class="spinner small" aria-hidden="true" />
      Judging…
    </span>
  );
}
