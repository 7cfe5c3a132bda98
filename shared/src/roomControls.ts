import { z } from './zodMini.ts';

/** Who may press Run, Submit and Stop in a room: everyone but viewers, or its hosts only. */
export const RUN_POLICIES = ['everyone', 'hosts'] as const;
export type RunPolicy = (typeof RUN_POLICIES)[number];

/** What a room's hosts decide for everyone in it; held and enforced by the server. */
export const roomControlsSchema = z.object({
  runPolicy: z.enum(RUN_POLICIES),
  /** Only hosts may change the language. */
  languageLocked: z.boolean(),
  /** Only hosts may edit: everyone else is a viewer while it lasts. */
  editingLocked: z.boolean(),
  /** Whether participants who are not hosts may watch the room's playback. */
  playbackForAll: z.boolean(),
  /**
   * Whether hosts who observe (joined as viewers) show in the room: false keeps their
   * cursor and name from everyone but the room's hosts.
   */
  observersVisible: z.boolean(),
});
export type RoomControls = z.infer<typeof roomControlsSchema>;

export const DEFAULT_ROOM_CONTROLS: RoomControls = {
  runPolicy: 'everyone',
  languageLocked: false,
  editingLocked: false,
  playbackForAll: false,
  observersVisible: true,
};

/** Longest interview a timer can be set for, in minutes. */
export const MAX_DURATION_MINUTES = 600;
/** Longest room title. */
export const MAX_TITLE_LENGTH = 120;

/**
 * A room as a session with a start and an end (an interview): its title, the timer a
 * host may set, and whether it has ended. Times are server milliseconds.
 */
export const roomSessionSchema = z.object({
  title: z.string(),
  /** The timer's length (null: no timer). */
  durationMinutes: z.nullable(z.number()),
  /** When the timer was started (null: not started). */
  timerStartedAt: z.nullable(z.number()),
  /** End the room by itself when the timer runs out. */
  autoEnd: z.boolean(),
  /** When a host ended it (null: open). An ended room is a read-only archive. */
  endedAt: z.nullable(z.number()),
  /** After the end, guests keep a read-only view of the archive (else they lose access). */
  archiveForGuests: z.boolean(),
});
export type RoomSession = z.infer<typeof roomSessionSchema>;

export const DEFAULT_ROOM_SESSION: RoomSession = {
  title: '',
  durationMinutes: null,
  timerStartedAt: null,
  autoEnd: false,
  endedAt: null,
  archiveForGuests: false,
};

/** When the timer runs out (null: no timer running). */
export function sessionEndsAt(session: RoomSession): number | null {
  if (session.durationMinutes === null || session.timerStartedAt === null) return null;
  return session.timerStartedAt + session.durationMinutes * 60_000;
}

/**
 * When the room ended (null: open): ended by a host, or by its timer when it ends
 * the room by itself — an end nobody was there to see still counts.
 */
export function sessionEndedAt(session: RoomSession, now: number): number | null {
  if (session.endedAt !== null) return session.endedAt;
  const endsAt = sessionEndsAt(session);
  return session.autoEnd && endsAt !== null && endsAt <= now ? endsAt : null;
}
