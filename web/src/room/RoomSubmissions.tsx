import type { SubmissionView } from '@codestream/shared';
import { useMemo } from 'preact/hooks';
import { listRoomSubmissions } from '../api/submissionApi.ts';
import { SubmissionList } from '../components/SubmissionList.tsx';
import { useResource } from '../hooks/useResource.ts';
import { withLiveSubmission } from '../lib/submissionHistory.ts';
import { isSubmissionFinished } from '../lib/submissionState.ts';

/** The room's submissions (a tab of ResultsPanel), fetched again whenever one finishes. */
export function RoomSubmissions({ roomId, live }: { roomId: string; live: SubmissionView | null }) {
  const finishedId = live && isSubmissionFinished(live) ? live.id : null;
  const history = useResource((signal) => listRoomSubmissions(roomId, signal), [roomId, finishedId]);
  const items = useMemo(
    () => (history.data ? withLiveSubmission(history.data, live, roomId) : null),
    [history.data, live, roomId],
  );
  return (
    <section
      class="console-body history-body"
      aria-label="Submissions of this room"
      aria-busy={history.status === 'loading' ? 'true' : undefined}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      {history.status === 'error' && (
        <p class="form-error" role="alert">
          The submissions could not be loaded: {history.error}{' '}
          <button type="button" class="button small" onClick={history.reload}>
            Retry
          </button>
        </p>
      )}
      {items?.length === 0 && (
        <p class="console-empty" data-testid="submissions-empty">
          No submissions in this room yet.
        </p>
      )}
      {items && items.length > 0 && <SubmissionList items={items} compact testId="room-submissions" />}
    </section>
  );
}
