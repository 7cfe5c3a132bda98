import { LANGUAGE_IDS } from './languages.ts';
import { ROOM_ID_PATTERN } from './protocol.ts';
import { ROOM_ROLES } from './roomRoles.ts';
import { runOutcomeSchema } from './runEvents.ts';
import { verdictSchema } from './submissions.ts';
import { z } from './zodMini.ts';

/** Path of the hosts' dashboard socket: `${DASHBOARD_SOCKET_PATH}?v=…`. */
export const DASHBOARD_SOCKET_PATH = '/ws/dashboard';
/** Rooms one dashboard socket may watch at once. */
export const MAX_WATCHED_ROOMS = 500;
/** Lines of code a summary's preview holds at most (around the last edit). */
export const PREVIEW_LINES = 20;
/** Characters of one preview line kept (a minified line must not make a summary large). */
export const PREVIEW_LINE_CHARS = 160;
/** A room's summary changes reach its dashboards at most this often. */
export const SUMMARY_INTERVAL_MS = 1_000;

/** Someone in the room now (one entry per person, however many tabs). */
export const onlinePersonSchema = z.object({
  /** `u:<userId>` or `g:<guestId>`. */
  id: z.string(),
  name: z.string(),
  role: z.enum(ROOM_ROLES),
});
export type OnlinePerson = z.infer<typeof onlinePersonSchema>;

/** The room's latest run, without its output. */
export const runSummarySchema = z.object({
  at: z.number(),
  startedBy: z.string(),
  /** null while it runs. */
  outcome: z.nullable(runOutcomeSchema),
  exitCode: z.nullable(z.number()),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** The room's latest submission: its verdict and counts only, never a test's data. */
export const submissionSummarySchema = z.object({
  at: z.number(),
  submittedBy: z.string(),
  /** null while it is judged. */
  verdict: z.nullable(verdictSchema),
  passed: z.number(),
  total: z.number(),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

/**
 * What a host's dashboard shows of one room: who is there, what they did last, a few
 * lines of code around the last edit. Built by the server at most once a second per room.
 */
export const roomSummarySchema = z.object({
  roomId: z.string(),
  title: z.string(),
  language: z.enum(LANGUAGE_IDS),
  createdAt: z.number(),
  /** Distinct people connected now (observing hosts left out while observers are hidden). */
  online: z.array(onlinePersonSchema),
  lastEditAt: z.nullable(z.number()),
  lastEditBy: z.nullable(z.string()),
  lines: z.number(),
  /** Up to PREVIEW_LINES lines of code around the last edit; `firstLine` is 1-based. */
  preview: z.object({ firstLine: z.number(), text: z.string() }),
  lastRun: z.nullable(runSummarySchema),
  lastSubmission: z.nullable(submissionSummarySchema),
  /** Runs and submissions that failed in a row, latest first (0: the latest did not fail). */
  failStreak: z.number(),
});
export type RoomSummary = z.infer<typeof roomSummarySchema>;

const roomIdSchema = z.string().check(z.regex(ROOM_ID_PATTERN));

/** Dashboard client → server: the rooms to watch (replaces the previous set). */
export const dashboardClientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('watch'),
    roomIds: z.array(roomIdSchema).check(z.maxLength(MAX_WATCHED_ROOMS)),
  }),
]);
export type DashboardClientMessage = z.infer<typeof dashboardClientMessageSchema>;

/** Dashboard server → client. */
export const dashboardServerMessageSchema = z.discriminatedUnion('type', [
  /** Summaries of rooms that changed (all watched rooms, after a `watch`); `now` is server time. */
  z.object({ type: z.literal('summaries'), now: z.number(), summaries: z.array(roomSummarySchema) }),
  /** Rooms of the last `watch` this person may not watch (only a room's hosts may), and why. */
  z.object({
    type: z.literal('refused'),
    rooms: z.array(z.object({ roomId: z.string(), reason: z.enum(['not-host', 'not-found']) })),
  }),
]);
export type DashboardServerMessage = z.infer<typeof dashboardServerMessageSchema>;

export const ROOM_STATUSES = ['stuck', 'failing', 'accepted', 'working'] as const;
/** What a dashboard sorts and filters rooms by. */
export type RoomStatus = (typeof ROOM_STATUSES)[number];

export interface StatusRules {
  /** Minutes without an edit, a run or a submission after which a room is stuck. */
  idleMinutes: number;
  /** Failed runs or submissions in a row after which a room is stuck. */
  failuresInARow: number;
}

export const DEFAULT_STATUS_RULES: StatusRules = { idleMinutes: 5, failuresInARow: 3 };

/** When anything last happened in the room (its creation at least). */
export function lastActivityAt(summary: RoomSummary): number {
  return Math.max(
    summary.createdAt,
    summary.lastEditAt ?? 0,
    summary.lastRun?.at ?? 0,
    summary.lastSubmission?.at ?? 0,
  );
}

/** Whether a finished run failed (anything but exit code 0). */
export function runFailed(run: RunSummary): boolean {
  return run.outcome !== null && !(run.outcome === 'exited' && run.exitCode === 0);
}

/**
 * Accepted: the latest submission was accepted (and nothing failed since). Stuck: idle for
 * `idleMinutes`, or `failuresInARow` failures in a row. Failing: the latest run or
 * submission failed. Otherwise working.
 */
export function roomStatus(summary: RoomSummary, now: number, rules: StatusRules = DEFAULT_STATUS_RULES): RoomStatus {
  if (summary.lastSubmission?.verdict === 'accepted' && summary.failStreak === 0) return 'accepted';
  if (summary.failStreak >= rules.failuresInARow) return 'stuck';
  if (now - lastActivityAt(summary) >= rules.idleMinutes * 60_000) return 'stuck';
  return summary.failStreak > 0 ? 'failing' : 'working';
}
