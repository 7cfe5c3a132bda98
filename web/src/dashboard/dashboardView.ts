import { lastActivityAt, type RoomStatus, type RoomSummary, roomStatus, type StatusRules } from '@codestream/shared';

export const DASHBOARD_FILTERS = ['all', 'stuck', 'failing', 'accepted'] as const;
export type DashboardFilter = (typeof DASHBOARD_FILTERS)[number];

export const DASHBOARD_SORTS = ['activity', 'name', 'status'] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

/** Who the room is, for people: its title, else the names of those in it who are not hosts. */
export function roomName(summary: RoomSummary): string {
  if (summary.title) return summary.title;
  const people = summary.online.filter((p) => p.role !== 'host').map((p) => p.name);
  return people.length > 0 ? people.join(', ') : `Room ${summary.roomId.slice(0, 6)}`;
}

/** Stuck rooms first: they need someone. */
const STATUS_ORDER: Record<RoomStatus, number> = { stuck: 0, failing: 1, working: 2, accepted: 3 };

export interface DashboardRow {
  summary: RoomSummary;
  status: RoomStatus;
  name: string;
}

/** The rooms to show, filtered and sorted; `counts` counts every room by filter. */
export function dashboardRows(
  summaries: readonly RoomSummary[],
  options: { filter: DashboardFilter; sort: DashboardSort; now: number; rules?: StatusRules },
): { rows: DashboardRow[]; counts: Record<DashboardFilter, number> } {
  const all = summaries.map((summary) => ({
    summary,
    status: roomStatus(summary, options.now, options.rules),
    name: roomName(summary),
  }));
  const counts: Record<DashboardFilter, number> = { all: all.length, stuck: 0, failing: 0, accepted: 0 };
  for (const row of all) if (row.status !== 'working') counts[row.status]++;
  const rows = options.filter === 'all' ? all : all.filter((row) => row.status === options.filter);
  const byName = (a: DashboardRow, b: DashboardRow) =>
    a.name.localeCompare(b.name) || a.summary.roomId.localeCompare(b.summary.roomId);
  // To the minute: rooms where people type would otherwise swap places every second.
  const minuteOf = (row: DashboardRow) => Math.floor(lastActivityAt(row.summary) / 60_000);
  const byActivity = (a: DashboardRow, b: DashboardRow) => minuteOf(b) - minuteOf(a) || byName(a, b);
  rows.sort((a, b) => {
    if (options.sort === 'name') return byName(a, b);
    if (options.sort === 'status') return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byActivity(a, b);
    return byActivity(a, b);
  });
  return { rows, counts };
}
