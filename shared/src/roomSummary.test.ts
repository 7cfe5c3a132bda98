import { describe, expect, it } from 'vitest';
import { dashboardClientMessageSchema, MAX_WATCHED_ROOMS, type RoomSummary, roomStatus } from './roomSummary.ts';

const NOW = 10_000_000;
const base: RoomSummary = {
  roomId: 'a'.repeat(20),
  title: '',
  language: 'python',
  createdAt: NOW - 3_600_000,
  online: [],
  lastEditAt: NOW - 1_000,
  lastEditBy: 'Ann',
  lines: 3,
  preview: { firstLine: 1, text: 'print(1)' },
  lastRun: null,
  lastSubmission: null,
  failStreak: 0,
};
const submission = { at: NOW, submittedBy: 'Ann', passed: 3, total: 3 };

describe('roomStatus', () => {
  it('is working while people edit and nothing failed', () => {
    expect(roomStatus(base, NOW)).toBe('working');
  });

  it('is stuck after the idle time without an edit, run or submission', () => {
    expect(roomStatus({ ...base, lastEditAt: NOW - 5 * 60_000 }, NOW)).toBe('stuck');
    expect(roomStatus({ ...base, lastEditAt: NOW - 4 * 60_000 }, NOW)).toBe('working');
    const ranLately = { at: NOW - 1_000, startedBy: 'Ann', outcome: 'exited' as const, exitCode: 0 };
    expect(roomStatus({ ...base, lastEditAt: NOW - 9 * 60_000, lastRun: ranLately }, NOW)).toBe('working');
  });

  it('is failing after a failure and stuck after three in a row', () => {
    expect(roomStatus({ ...base, failStreak: 1 }, NOW)).toBe('failing');
    expect(roomStatus({ ...base, failStreak: 2 }, NOW)).toBe('failing');
    expect(roomStatus({ ...base, failStreak: 3 }, NOW)).toBe('stuck');
    expect(roomStatus({ ...base, failStreak: 2 }, NOW, { idleMinutes: 5, failuresInARow: 2 })).toBe('stuck');
  });

  it('is accepted when the latest submission was, unless something failed since', () => {
    const accepted = { ...submission, verdict: 'accepted' as const };
    expect(roomStatus({ ...base, lastSubmission: accepted }, NOW)).toBe('accepted');
    expect(roomStatus({ ...base, lastSubmission: accepted, failStreak: 1 }, NOW)).toBe('failing');
    const wrong = { ...submission, verdict: 'wrong-answer' as const, passed: 1 };
    expect(roomStatus({ ...base, lastSubmission: wrong, failStreak: 1 }, NOW)).toBe('failing');
  });
});

describe('dashboardClientMessageSchema', () => {
  it('takes room ids only, and at most MAX_WATCHED_ROOMS of them', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i).padStart(20, 'x'));
    expect(dashboardClientMessageSchema.safeParse({ type: 'watch', roomIds: ids(MAX_WATCHED_ROOMS) }).success).toBe(
      true,
    );
    expect(dashboardClientMessageSchema.safeParse({ type: 'watch', roomIds: ids(MAX_WATCHED_ROOMS + 1) }).success).toBe(
      false,
    );
    expect(dashboardClientMessageSchema.safeParse({ type: 'watch', roomIds: ['../etc'] }).success).toBe(false);
  });
});
