import { DEFAULT_ROOM_CONTROLS, DEFAULT_ROOM_SESSION } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { clockState, formatClock, roomAbilities } from './interviewClock.ts';

const start = 1_000_000;
const hour = { ...DEFAULT_ROOM_SESSION, durationMinutes: 60, timerStartedAt: start };

describe('clockState', () => {
  it('is null without a running timer', () => {
    expect(clockState(DEFAULT_ROOM_SESSION, start)).toBeNull();
    expect(clockState({ ...hour, timerStartedAt: null }, start)).toBeNull();
  });

  it('counts down, warns in the last five minutes, and is over at the end', () => {
    expect(clockState(hour, start + 60_000)).toEqual({ remainingMs: 59 * 60_000, phase: 'running' });
    expect(clockState(hour, start + 55 * 60_000)).toEqual({ remainingMs: 5 * 60_000, phase: 'warning' });
    expect(clockState(hour, start + 61 * 60_000)).toEqual({ remainingMs: 0, phase: 'over' });
  });

  it('warns at a fifth of a short interview', () => {
    const short = { ...hour, durationMinutes: 10 };
    expect(clockState(short, start + 7 * 60_000)?.phase).toBe('running');
    expect(clockState(short, start + 8 * 60_000)?.phase).toBe('warning');
  });
});

describe('formatClock', () => {
  it('shows minutes and seconds, hours when there are', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(59 * 60_000 + 5_000)).toBe('59:05');
    expect(formatClock(2 * 3_600_000 + 3 * 60_000)).toBe('2:03:00');
  });
});

describe('roomAbilities', () => {
  const now = start;
  it('lets hosts and editors do everything by default, viewers nothing', () => {
    expect(roomAbilities('editor', DEFAULT_ROOM_CONTROLS, DEFAULT_ROOM_SESSION, now)).toMatchObject({
      edit: true,
      run: true,
      changeLanguage: true,
    });
    expect(roomAbilities('viewer', DEFAULT_ROOM_CONTROLS, DEFAULT_ROOM_SESSION, now)).toMatchObject({
      edit: false,
      run: false,
      changeLanguage: false,
    });
  });

  it("applies the hosts' controls to editors, not to hosts", () => {
    const controls = { ...DEFAULT_ROOM_CONTROLS, runPolicy: 'hosts' as const, languageLocked: true };
    expect(roomAbilities('editor', controls, DEFAULT_ROOM_SESSION, now)).toEqual({
      edit: true,
      run: false,
      changeLanguage: false,
      runHint: 'Only hosts run code here',
    });
    expect(roomAbilities('host', controls, DEFAULT_ROOM_SESSION, now)).toMatchObject({
      run: true,
      changeLanguage: true,
    });
  });

  it('takes everything from everyone once the interview ended, by a host or by its timer', () => {
    const ended = { ...DEFAULT_ROOM_SESSION, endedAt: now - 1 };
    expect(roomAbilities('host', DEFAULT_ROOM_CONTROLS, ended, now)).toMatchObject({ edit: false, run: false });
    const timedOut = { ...hour, autoEnd: true };
    expect(roomAbilities('editor', DEFAULT_ROOM_CONTROLS, timedOut, start + 3_600_000).edit).toBe(false);
  });
});
