import { classInfoSchema } from './classInfo.ts';
import type { LanguageId } from './languages.ts';
import { LANGUAGE_IDS } from './languages.ts';
import { chatMessageSchema, followLeaderSchema } from './roomChat.ts';
import { DEFAULT_ROOM_CONTROLS, DEFAULT_ROOM_SESSION, roomControlsSchema, roomSessionSchema } from './roomControls.ts';
import { ROOM_ROLES } from './roomRoles.ts';
import { runEventSchema } from './runEvents.ts';
import { submitEventSchema } from './submissions.ts';
import { z } from './zodMini.ts';

/** A run as every participant sees it: who started it and what it printed so far. */
export const runViewSchema = z.object({
  id: z.string(),
  startedBy: z.string(),
  language: z.enum(LANGUAGE_IDS),
  requestedAt: z.number(),
  /**
   * The program takes live input (`input` messages) while it runs: the Input box was empty
   * when Run was pressed. Else the box was its whole input.
   */
  live: z.optional(z.boolean()),
  /** Events so far, consecutive output of one stream merged. Ends with `exit` when finished. */
  events: z.array(runEventSchema),
});
export type RunView = z.infer<typeof runViewSchema>;

/** A submission as every participant sees it: verdicts per test as they arrive. */
export const submissionViewSchema = z.object({
  id: z.string(),
  submittedBy: z.string(),
  language: z.enum(LANGUAGE_IDS),
  problemSlug: z.string(),
  requestedAt: z.number(),
  /** Tests the problem has (samples first); `test` events arrive for each one judged. */
  total: z.number().check(z.int(), z.gte(0)),
  /** Events so far; ends with `finished`. Hidden tests carry verdicts and times only. */
  events: z.array(submitEventSchema),
});
export type SubmissionView = z.infer<typeof submissionViewSchema>;

/**
 * Room settings people act on, held by the server (not in the shared doc, where any
 * participant could write anything): changed only through validated app messages.
 */
export const roomSettingsSchema = z.object({
  language: z.enum(LANGUAGE_IDS),
  /** What the hosts decided for everyone (run policy, locks). */
  controls: roomControlsSchema,
  /** Title, timer and end. */
  session: roomSessionSchema,
});
export type RoomSettings = z.infer<typeof roomSettingsSchema>;

/** A new room's settings: no controls, no title, no timer. */
export function defaultRoomSettings(language: LanguageId): RoomSettings {
  return { language, controls: DEFAULT_ROOM_CONTROLS, session: DEFAULT_ROOM_SESSION };
}

/** Limits of the room the editor enforces before the server has to refuse. */
export const roomLimitsSchema = z.object({
  /** Largest encoded size of the room's shared document (code + input), in bytes. */
  docMaxBytes: z.number().check(z.int(), z.positive()),
});
export type RoomLimits = z.infer<typeof roomLimitsSchema>;

/**
 * Why the server refused a document update: `invalid` (not a change to the room's texts),
 * `too-large`, or `read-only` (the sender is a viewer).
 */
export const UPDATE_REFUSAL_REASONS = ['invalid', 'too-large', 'read-only'] as const;
export type UpdateRefusalReason = (typeof UPDATE_REFUSAL_REASONS)[number];

/** App messages sent by a participant. The server takes code and stdin from the room's doc, the language from its settings. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run') }),
  /** Judge the room's code against every test of the room's problem. */
  z.object({ type: z.literal('submit') }),
  /** Stops the active run or submission (queued or running). */
  z.object({ type: z.literal('stop') }),
  /**
   * Live input for the running program (a typed line, its newline included), then the end
   * of its input if `eof`. Echoed to everyone as the run's `input` event; at most
   * MAX_STDIN_CHUNK_BYTES a message and MAX_STDIN_BYTES a run.
   */
  z.object({ type: z.literal('input'), data: z.string(), eof: z.optional(z.boolean()) }),
  /** Changes the room's language for everyone. */
  z.object({ type: z.literal('set-language'), language: z.enum(LANGUAGE_IDS) }),
  /**
   * A chat message to everyone in the room (the server trims it, refuses it blank or over
   * CHAT_MAX_CHARS, and rate-limits each socket). Bounded here only by the frame size.
   */
  z.object({ type: z.literal('chat'), text: z.string() }),
  /** A host asks everyone to follow their cursor (`on`), or lets them go. */
  z.object({ type: z.literal('follow-me'), on: z.boolean() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** App messages sent by the server. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  /**
   * Sent once after connecting: this participant's role, the room's settings and limits,
   * the active or last run and submission, or null.
   */
  z.object({
    type: z.literal('room-state'),
    role: z._default(z.enum(ROOM_ROLES), 'editor'),
    /** How the server knows this participant: the id and colour on their cursor everywhere. */
    you: z.object({ id: z.string(), color: z.string() }),
    /** The server's clock (ms) when it sent this, so timers count down on the server's time. */
    now: z.number(),
    settings: roomSettingsSchema,
    limits: roomLimitsSchema,
    run: z.nullable(runViewSchema),
    submission: z._default(z.nullable(submissionViewSchema), null),
    /** The class the room belongs to (its message and timer); absent or null for other rooms. */
    classInfo: z.optional(z.nullable(classInfoSchema)),
  }),
  /** The room's class changed its message, timer or title (sent to every room of the class). */
  z.object({ type: z.literal('class'), classInfo: classInfoSchema }),
  /** The room's settings changed (sent to everyone, the one who changed them included). */
  z.object({ type: z.literal('settings'), settings: roomSettingsSchema }),
  /**
   * The last document update of this participant was refused whole (nothing of it was
   * applied); the socket closes with UpdateRefused right after. The client must discard
   * its local document, or it would send the same update again on reconnecting.
   */
  z.object({ type: z.literal('update-refused'), reason: z.enum(UPDATE_REFUSAL_REASONS), message: z.string() }),
  z.object({
    type: z.literal('run-started'),
    run: z.pick(runViewSchema, { id: true, startedBy: true, language: true, requestedAt: true, live: true }),
  }),
  z.object({ type: z.literal('run-event'), runId: z.string(), event: runEventSchema }),
  z.object({ type: z.literal('submission-started'), submission: z.omit(submissionViewSchema, { events: true }) }),
  z.object({ type: z.literal('submission-event'), submissionId: z.string(), event: submitEventSchema }),
  /**
   * Whether the room's accepted edits are stored: `waiting` once one has waited longer
   * than usual (the database is slow or away; the server keeps every edit in memory and
   * keeps trying), `stored` when all are stored again. `since`: server time in ms (the
   * oldest waiting edit, or when storing caught up). Also sent on joining a waiting room.
   */
  z.object({ type: z.literal('storage'), state: z.enum(['waiting', 'stored']), since: z.number() }),
  /** A chat message, stored before it is sent (to everyone, its author included: their acknowledgement). */
  z.object({ type: z.literal('chat'), message: chatMessageSchema }),
  /** Sent on joining: the room's latest chat messages (at most CHAT_HISTORY_SIZE), oldest first. */
  z.object({ type: z.literal('chat-history'), messages: z.array(chatMessageSchema) }),
  /**
   * Whom a host asked everyone to follow (null: no one any more). Sent to everyone when it
   * changes, and on joining while someone leads.
   */
  z.object({ type: z.literal('follow'), leader: z.nullable(followLeaderSchema) }),
  /** A request of this participant was refused (only sent to the one who asked). */
  z.object({ type: z.literal('refused'), message: z.string() }),
  /**
   * A warning for everyone in the room, shown like a refusal: e.g. the room's other
   * servers could not be told what just happened here (Redis is away).
   */
  z.object({ type: z.literal('notice'), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
