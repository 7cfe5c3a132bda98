import { lastActivityAt, type RoomStatus, type RoomSummary } from '@codestream/shared';
import { memo } from 'preact/compat';
import { VerdictBadge } from '../components/VerdictBadge.tsx';
import { plural } from '../lib/format.ts';
import { roomPath } from '../lib/route.ts';

const STATUS_LABEL: Record<RoomStatus, string> = {
  stuck: 'Stuck',
  failing: 'Failing',
  accepted: 'Accepted',
  working: 'Working',
};

export interface RoomTileProps {
  summary: RoomSummary;
  status: RoomStatus;
  name: string;
  /** Server time rounded down to the minute: tiles redraw on a new summary or a new minute only. */
  minute: number;
}

function runText(run: NonNullable<RoomSummary['lastRun']>): string {
  if (run.outcome === null) return 'Running…';
  if (run.outcome === 'exited') return run.exitCode === null ? 'Exited' : `Exit ${run.exitCode}`;
  return run.outcome === 'stopped' ? 'Stopped' : run.outcome.replace('-', ' ');
}

function lastPreviewLine(summary: RoomSummary): number {
  return summary.preview.firstLine + summary.preview.text.split('\n').length - 1;
}

/** One room on the dashboard; redrawn only when its summary, status or the minute changes. */
export const RoomTile = memo(function RoomTile({ summary, status, name, minute }: RoomTileProps) {
  const idleMinutes = Math.max(0, Math.floor((minute - lastActivityAt(summary)) / 60_000));
  const headingId = `tile-${summary.roomId}`;
  const { lastRun, lastSubmission } = summary;
  return (
    <li class={`room-tile status-${status}`} data-testid="room-tile" data-room-id={summary.roomId}>
      <article aria-labelledby={headingId}>
        <header class="room-tile-head">
          <h2 id={headingId}>{name}</h2>
          <span class={`tile-status status-${status}`} data-testid="tile-status">
            {STATUS_LABEL[status]}
          </span>
        </header>
        <ul class="tile-online" aria-label={`${summary.online.length} online`} data-testid="tile-online">
          {summary.online.map((person) => (
            <li key={person.id}>
              <span class="online-dot" aria-hidden="true" />
              {person.name}
              {person.role !== 'editor' && <span class="muted"> ({person.role})</span>}
            </li>
          ))}
          {summary.online.length === 0 && <li class="muted">Nobody online</li>}
        </ul>
        <dl class="tile-facts">
          <div>
            <dt>Last edit</dt>
            <dd data-testid="tile-idle">
              {summary.lastEditAt === null
                ? 'none yet'
                : idleMinutes < 1
                  ? `just now${summary.lastEditBy ? ` by ${summary.lastEditBy}` : ''}`
                  : `idle for ${idleMinutes} min`}
            </dd>
          </div>
          <div>
            <dt>Code</dt>
            <dd data-testid="tile-lines">{plural(summary.lines, 'line')}</dd>
          </div>
          <div>
            <dt>Last run</dt>
            <dd data-testid="tile-run">{lastRun ? runText(lastRun) : 'none'}</dd>
          </div>
          <div>
            <dt>Last submission</dt>
            <dd data-testid="tile-verdict">
              {lastSubmission?.verdict ? (
                <>
                  <VerdictBadge verdict={lastSubmission.verdict} /> {lastSubmission.passed}/{lastSubmission.total} tests
                </>
              ) : lastSubmission ? (
                'Judging…'
              ) : (
                'none'
              )}
            </dd>
          </div>
        </dl>
        <figure class="tile-code">
          <figcaption class="muted" data-testid="tile-preview-lines">
            {summary.lines === 0 ? 'No code yet' : `Lines ${summary.preview.firstLine}–${lastPreviewLine(summary)}`}
          </figcaption>
          <pre class="tile-preview" data-testid="tile-preview">
            {summary.preview.text}
          </pre>
        </figure>
        <div class="tile-actions">
          <a class="button" href={`${roomPath(summary.roomId)}?as=viewer`} data-testid="tile-observe">
            Observe
          </a>
          <a class="button primary" href={`${roomPath(summary.roomId)}?as=editor`} data-testid="tile-help">
            Join to help
          </a>
        </div>
      </article>
    </li>
  );
});
