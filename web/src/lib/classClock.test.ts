import { describe, expect, it } from 'vitest';
import { classClockState } from './classClock.ts';

describe('classClockState', () => {
  it('is null without a timer or while it is stopped', () => {
    expect(classClockState(null, 1_000)).toBeNull();
    expect(classClockState({ durationMinutes: 10, startedAt: null }, 1_000)).toBeNull();
  });

  it('counts down from the start on server time, warns near the end, then is over', () => {
    const timer = { durationMinutes: 30, startedAt: 1_000_000 };
    expect(classClockState(timer, 1_000_000 + 60_000)).toEqual({ remainingMs: 29 * 60_000, phase: 'running' });
    expect(classClockState(timer, 1_000_000 + 26 * 60_000)).toEqual({ remainingMs: 4 * 60_000, phase: 'warning' });
    expect(classClockState(timer, 1_000_000 + 31 * 60_000)).toEqual({ remainingMs: 0, phase: 'over' });
  });
});
