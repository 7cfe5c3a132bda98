import { describe, expect, it } from 'vitest';
import { DEFAULT_ROOM_SESSION, sessionEndedAt, sessionEndsAt } from './roomControls.ts';

const started = { ...DEFAULT_ROOM_SESSION, durationMinutes: 45, timerStartedAt: 1_000_000 };
const due = 1_000_000 + 45 * 60_000;

describe('sessionEndsAt', () => {
  it('is the timer start plus its length, or null without both', () => {
    expect(sessionEndsAt(started)).toBe(due);
    expect(sessionEndsAt({ ...started, timerStartedAt: null })).toBeNull();
    expect(sessionEndsAt({ ...started, durationMinutes: null })).toBeNull();
  });
});

describe('sessionEndedAt', () => {
  it('is the moment a host ended the room', () => {
    expect(sessionEndedAt({ ...DEFAULT_ROOM_SESSION, endedAt: 5 }, 10)).toBe(5);
  });

  it('is the end of the timer once it ran out, when the room ends by itself', () => {
    const auto = { ...started, autoEnd: true };
    expect(sessionEndedAt(auto, due - 1)).toBeNull();
    expect(sessionEndedAt(auto, due)).toBe(due);
    expect(sessionEndedAt(auto, due + 60_000)).toBe(due);
  });

  it('stays open after the timer when the room does not end by itself', () => {
    expect(sessionEndedAt(started, due + 60_000)).toBeNull();
    expect(sessionEndedAt(DEFAULT_ROOM_SESSION, Number.MAX_SAFE_INTEGER)).toBeNull();
  });
});
