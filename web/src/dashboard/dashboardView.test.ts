import type { RoomSummary } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { dashboardRows, roomName } from './dashboardView.ts';

const NOW = 100_000_000;
function room(id: string, patch: Partial<RoomSummary> = {}): RoomSummary {
  return {
    roomId: id.padEnd(20, 'x'),
    title: '',
    language: 'python',
    createdAt: NOW - 3_600_000,
    online: [],
    lastEditAt: NOW - 1_000,
    lastEditBy: null,
    lines: 0,
    preview: { firstLine: 1, text: '' },
    lastRun: null,
    lastSubmission: null,
    failStreak: 0,
    ...patch,
  };
}
const accepted = { at: NOW, submittedBy: 'A', verdict: 'accepted' as const, passed: 2, total: 2 };

describe('dashboardRows', () => {
  const rooms = [
    room('a', { title: 'Zed', lastEditAt: NOW - 2_000 }),
    room('b', { title: 'Amy', failStreak: 3 }),
    room('c', { title: 'Bob', failStreak: 1, lastEditAt: NOW - 500 }),
    room('d', { title: 'Cy', lastSubmission: accepted }),
    room('e', { title: 'Dee', lastEditAt: NOW - 10 * 60_000 }),
  ];

  it('counts rooms by status and filters them', () => {
    const { rows, counts } = dashboardRows(rooms, { filter: 'stuck', sort: 'name', now: NOW });
    expect(counts).toEqual({ all: 5, stuck: 2, failing: 1, accepted: 1 });
    expect(rows.map((r) => r.name)).toEqual(['Amy', 'Dee']);
    expect(dashboardRows(rooms, { filter: 'accepted', sort: 'name', now: NOW }).rows.map((r) => r.name)).toEqual([
      'Cy',
    ]);
  });

  it('sorts by activity (to the minute, then by name), name or status', () => {
    const names = (sort: 'activity' | 'name' | 'status') =>
      dashboardRows(rooms, { filter: 'all', sort, now: NOW }).rows.map((r) => r.name);
    expect(names('activity')).toEqual(['Amy', 'Bob', 'Cy', 'Zed', 'Dee']);
    const older = [...rooms, room('f', { title: 'Al', lastEditAt: NOW - 3 * 60_000 })];
    expect(
      dashboardRows(older, { filter: 'all', sort: 'activity', now: NOW })
        .rows.map((r) => r.name)
        .slice(-2),
    ).toEqual(['Al', 'Dee']);
    expect(names('name')).toEqual(['Amy', 'Bob', 'Cy', 'Dee', 'Zed']);
    expect(names('status')).toEqual(['Amy', 'Dee', 'Bob', 'Zed', 'Cy']);
  });
});

describe('roomName', () => {
  it('is the title, else the students in it, else the room id', () => {
    expect(roomName(room('a', { title: 'Pair 1' }))).toBe('Pair 1');
    const online = [
      { id: 'u:1', name: 'Teacher', role: 'host' as const },
      { id: 'u:2', name: 'Stu', role: 'editor' as const },
    ];
    expect(roomName(room('a', { online }))).toBe('Stu');
    expect(roomName(room('abcdef'))).toBe('Room abcdef');
  });
});
