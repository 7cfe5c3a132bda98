import { type ClassTimer, classTimerEndsAt, DEFAULT_ROOM_SESSION } from '@codestream/shared';
import { type ClockState, clockState } from './interviewClock.ts';

/** The class timer at server time `now`, phased like an interview's; null when it is not running. */
export function classClockState(timer: ClassTimer | null, now: number): ClockState | null {
  if (classTimerEndsAt(timer) === null || !timer) return null;
  return clockState(
    { ...DEFAULT_ROOM_SESSION, durationMinutes: timer.durationMinutes, timerStartedAt: timer.startedAt },
    now,
  );
}
