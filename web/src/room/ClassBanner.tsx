import type { ClassInfo } from '@codestream/shared';
import { classClockState } from '../lib/classClock.ts';
import { formatClock } from '../lib/interviewClock.ts';

/** In a room of a class: the instructors' message to every room and the class timer, live. */
export function ClassBanner({ classInfo, now }: { classInfo: ClassInfo; now: number }) {
  const clock = classClockState(classInfo.timer, now);
  if (!classInfo.message && !clock) return null;
  return (
    <div class="banner banner-class" role="status" data-testid="class-banner">
      <span class="class-banner-title">{classInfo.title}</span>
      {classInfo.message && (
        <span class="class-banner-message" data-testid="class-message">
          {classInfo.message.text}
          <span class="muted"> — {classInfo.message.by}</span>
        </span>
      )}
      {clock && (
        <span
          class={`session-clock clock-${clock.phase}`}
          role="timer"
          aria-label="Class time left"
          data-testid="class-clock"
          data-phase={clock.phase}
        >
          {clock.phase === 'over' ? 'Time is up' : formatClock(clock.remainingMs)}
        </span>
      )}
    </div>
  );
}
