import { type RoomControls, type RoomSession, sessionEndedAt } from '@codestream/shared';
import { clockState, formatClock } from '../lib/interviewClock.ts';
import { useHostControls } from './useHostControls.ts';

interface SessionBarProps {
  roomId: string;
  session: RoomSession;
  controls: RoomControls;
  host: boolean;
  /** Server time, ticking. */
  now: number;
}

/**
 * The interview as everyone sees it: its title, the timer (warning near the end) and,
 * once ended, a banner; hosts get its settings, End and Reopen.
 */
export function SessionBar({ roomId, session, controls, host, now }: SessionBarProps) {
  const hostControls = useHostControls(host);
  const ended = sessionEndedAt(session, now) !== null;
  const clock = ended ? null : clockState(session, now);
  if (!host && !ended && !clock && !session.title) return null;
  return (
    <>
      <div class="session-bar" data-testid="session-bar">
        {session.title && (
          <h1 class="session-title" data-testid="room-title">
            {session.title}
          </h1>
        )}
        {clock && (
          <span
            class={`session-clock clock-${clock.phase}`}
            role="timer"
            aria-label="Time left"
            data-testid="session-clock"
            data-phase={clock.phase}
          >
            {clock.phase === 'over' ? 'Time is up' : formatClock(clock.remainingMs)}
          </span>
        )}
        {clock?.phase === 'warning' && (
          <span class="sr-only" role="status">
            Less than {Math.ceil(clock.remainingMs / 60_000)} minutes left
          </span>
        )}
        {hostControls instanceof Error ? (
          <span class="form-error inline" role="alert">
            {hostControls.message}
          </span>
        ) : (
          hostControls && (
            <span class="session-actions">
              <hostControls.InterviewSettings roomId={roomId} session={session} controls={controls} />
              {ended ? (
                <hostControls.ReopenButton roomId={roomId} />
              ) : (
                <hostControls.EndInterviewButton roomId={roomId} />
              )}
            </span>
          )
        )}
      </div>
      {ended && (
        <div class="banner banner-warn" role="status" data-testid="ended-banner">
          This interview has ended. The room is a read-only archive
          {host ? ': reopen it to continue.' : '. Thank you for taking part.'}
        </div>
      )}
    </>
  );
}
