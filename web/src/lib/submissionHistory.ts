import type { SubmissionView } from '@codestream/shared';
import type { SubmissionSummary } from '../api/submissionApi.ts';
import { submissionProgress } from './submissionState.ts';

/**
 * The room's history with the live submission folded in: the server stores a verdict
 * only after broadcasting it, so a list fetched right after `finished` may still say
 * "judging", and one fetched before the submission started lacks it.
 */
export function withLiveSubmission(
  items: readonly SubmissionSummary[],
  live: SubmissionView | null,
  roomId: string,
): SubmissionSummary[] {
  if (!live) return [...items];
  const { finished } = submissionProgress(live);
  const liveSummary: SubmissionSummary = {
    id: live.id,
    roomId,
    problemSlug: live.problemSlug,
    submittedBy: live.submittedBy,
    language: live.language,
    requestedAt: live.requestedAt,
    verdict: finished?.verdict ?? null,
    passed: finished?.passed ?? 0,
    total: finished?.total ?? live.total,
    totalMs: finished?.totalMs ?? null,
    stopped: finished?.stopped === true,
  };
  const index = items.findIndex((item) => item.id === live.id);
  if (index === -1) return [liveSummary, ...items];
  const stored = items[index] as SubmissionSummary;
  if (stored.verdict !== null || !finished) return [...items];
  return items.map((item, i) => (i === index ? { ...stored, ...liveSummary, requestedAt: stored.requestedAt } : item));
}
