import { DEFAULT_STATUS_RULES, type StatusRules } from '@codestream/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { plural } from '../lib/format.ts';
import {
  DASHBOARD_FILTERS,
  DASHBOARD_SORTS,
  type DashboardFilter,
  type DashboardSort,
  dashboardRows,
} from './dashboardView.ts';
import { RoomTile } from './RoomTile.tsx';
import { useRoomSummaries } from './useRoomSummaries.ts';

const FILTER_LABEL: Record<DashboardFilter, string> = {
  all: 'All',
  stuck: 'Stuck',
  failing: 'Failing',
  accepted: 'Accepted',
};
const SORT_LABEL: Record<DashboardSort, string> = { activity: 'Latest activity', name: 'Name', status: 'Status' };

export interface RoomDashboardProps {
  /** Rooms to watch (the signed-in person must host them; others are listed as refused). */
  roomIds: readonly string[];
  rules?: StatusRules;
}

/** The minute of the page's clock, ticking: tiles say "idle for N min" without redrawing every second. */
function useMinute(offset: number): number {
  const floor = () => Math.floor((Date.now() + offset) / 60_000) * 60_000;
  const [minute, setMinute] = useState(floor);
  useEffect(() => {
    setMinute(floor());
    const timer = setInterval(() => setMinute(floor()), 10_000);
    return () => clearInterval(timer);
  }, [offset]);
  return minute;
}

/**
 * Live tiles of many rooms for their hosts: who is in, their last edit, run and verdict,
 * and a few lines of code; filter by status, sort, then observe or join one to help.
 */
export function RoomDashboard({ roomIds, rules = DEFAULT_STATUS_RULES }: RoomDashboardProps) {
  const { summaries, refused, status, message, clockOffset } = useRoomSummaries(roomIds);
  // Rounded so a small drift between frames does not restart the clock.
  const minute = useMinute(Math.round(clockOffset / 1_000) * 1_000);
  const [filter, setFilter] = useState<DashboardFilter>('all');
  const [sort, setSort] = useState<DashboardSort>('activity');
  const { rows, counts } = useMemo(
    () => dashboardRows([...summaries.values()], { filter, sort, now: minute, rules }),
    [summaries, filter, sort, minute, rules],
  );

  return (
    <section class="room-dashboard" data-testid="dashboard" aria-busy={status === 'connecting'}>
      <div class="dashboard-toolbar">
        <fieldset class="dashboard-filters">
          <legend class="sr-only">Show</legend>
          {DASHBOARD_FILTERS.map((option) => (
            <button
              key={option}
              type="button"
              class={`button${filter === option ? ' primary' : ''}`}
              aria-pressed={filter === option}
              data-testid={`dashboard-filter-${option}`}
              onClick={() => setFilter(option)}
            >
              {FILTER_LABEL[option]} ({counts[option]})
            </button>
          ))}
        </fieldset>
        <label class="dashboard-sort">
          Sort by{' '}
          <select
            value={sort}
            data-testid="dashboard-sort"
            onChange={(event) => setSort((event.target as HTMLSelectElement).value as DashboardSort)}
          >
            {DASHBOARD_SORTS.map((option) => (
              <option key={option} value={option}>
                {SORT_LABEL[option]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {message && (
        <p class={status === 'closed' ? 'form-error' : 'muted'} role="status" data-testid="dashboard-connection">
          {message}
        </p>
      )}
      {refused.length > 0 && (
        <p class="muted" data-testid="dashboard-refused">
          {plural(refused.length, 'room')} not shown: only a room’s hosts may watch it.
        </p>
      )}
      {status !== 'connecting' && rows.length === 0 && (
        <p class="muted" data-testid="dashboard-empty">
          {summaries.size === 0 ? 'No rooms to watch.' : 'No room matches this filter.'}
        </p>
      )}
      <ul class="room-tiles" aria-live="off">
        {rows.map((row) => (
          <RoomTile
            key={row.summary.roomId}
            summary={row.summary}
            status={row.status}
            name={row.name}
            minute={minute}
          />
        ))}
      </ul>
    </section>
  );
}
