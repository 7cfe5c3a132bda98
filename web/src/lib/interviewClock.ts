import { type RoomControls, type RoomRole, type RoomSession, sessionEndedAt, sessionEndsAt } from '@codestream/shared';

/** The timer warns this long before the end (or at a fifth of a short interview). */
export const WARNING_MS = 5 * 60_000;

export interface ClockState {
  /** Time left (0 once over). */
  remainingMs: number;
  /** `warning` near the end, `over` once the time is up. */
  phase: 'running' | 'warning' | 'over';
}

/** The interview's timer at server time `now`; null when no timer runs. */
export function clockState(session: RoomSession, now: number): ClockState | null {
  const endsAt = sessionEndsAt(session);
  if (endsAt === null || session.durationMinutes === null) return null;
  const remainingMs = Math.max(0, endsAt - now);
  const warnAt = Math.min(WARNING_MS, (session.durationMinutes * 60_000) / 5);
  const phase = remainingMs === 0 ? 'over' : remainingMs <= warnAt ? 'warning' : 'running';
  return { remainingMs, phase };
}

/** `m:ss`, or `h:mm:ss` from an hour on (rounded up: 0:00 only when the time is up). */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** What this person may do in the room now: the page shows only that (the server enforces it). */
export interface RoomAbilities {
  edit: boolean;
  run: boolean;
  changeLanguage: boolean;
  /** Why Run/Submit are not offered (null when they are). */
  runHint: string | null;
}

export function roomAbilities(
  role: RoomRole,
  controls: RoomControls | null,
  session: RoomSession | null,
  now: number,
): RoomAbilities {
  if (session && sessionEndedAt(session, now) !== null) {
    return { edit: false, run: false, changeLanguage: false, runHint: 'The interview has ended' };
  }
  if (role === 'viewer') return { edit: false, run: false, changeLanguage: false, runHint: null };
  if (role === 'host' || !controls) return { edit: true, run: true, changeLanguage: true, runHint: null };
  const run = controls.runPolicy === 'everyone';
  return {
    edit: true,
    run,
    changeLanguage: !controls.languageLocked,
    runHint: run ? null : 'Only hosts run code here',
  };
}
