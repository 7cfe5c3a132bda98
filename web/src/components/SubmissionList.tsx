import { findLanguageInfo } from '@codestream/shared';
import type { SubmissionSummary } from '../api/submissionApi.ts';
import { formatDuration } from '../lib/exitStatus.ts';
import { formatDateTime, formatShortDateTime } from '../lib/format.ts';
import { problemPath, submissionPath } from '../lib/route.ts';
import { PendingVerdict, VerdictBadge } from './VerdictBadge.tsx';

interface SubmissionListProps {
  items: readonly SubmissionSummary[];
  /** Show the problem column (lists that span problems). */
  showProblem?: boolean;
  /** Show who submitted (lists of more than one person). */
  showWho?: boolean;
  /** A compact table for the room's side panel, whose links open a new tab (leaving a live room is costly). */
  compact?: boolean;
  testId?: string;
}

/** Submissions newest first, each linking to its page (code and per-test results). */
export function SubmissionList({
  items,
  showProblem = false,
  showWho = true,
  compact = false,
  testId = 'submission-list',
}: SubmissionListProps) {
  return (
    <table class={`table submission-table${compact ? ' compact' : ''}`} data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">When</th>
          {showProblem && <th scope="col">Problem</th>}
          {showWho && <th scope="col">Who</th>}
          {!compact && <th scope="col">Language</th>}
          <th scope="col">Verdict</th>
          <th scope="col" class="num">
            Tests
          </th>
          {!compact && (
            <th scope="col" class="num">
              Time
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr
            key={item.id}
            data-testid="submission-row"
            data-verdict={item.verdict ?? 'pending'}
            data-stopped={item.stopped ? 'true' : undefined}
          >
            <td>
              <a
                href={submissionPath(item.id)}
                data-testid="submission-link"
                title={compact ? `${formatDateTime(item.requestedAt)} (opens in a new tab)` : undefined}
                {...(compact ? { target: '_blank', rel: 'noopener' } : {})}
              >
                {compact ? formatShortDateTime(item.requestedAt) : formatDateTime(item.requestedAt)}
              </a>
            </td>
            {showProblem && (
              <td>
                <a href={problemPath(item.problemSlug)} class="mono">
                  {item.problemSlug}
                </a>
              </td>
            )}
            {showWho && <td>{item.submittedBy}</td>}
            {!compact && <td>{findLanguageInfo(item.language)?.label ?? item.language}</td>}
            <td>
              {item.verdict ? <VerdictBadge verdict={item.verdict} stopped={item.stopped} /> : <PendingVerdict />}
            </td>
            <td class="num">{item.verdict ? `${item.passed}/${item.total}` : `–/${item.total}`}</td>
            {!compact && <td class="num">{item.totalMs === null ? '—' : formatDuration(item.totalMs)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
