import { chatMessageSchema } from './roomChat.ts';
import { runViewSchema } from './roomMessages.ts';
import { z } from './zodMini.ts';

/** A room's playback as GET /api/rooms/:id/playback and …/moment answer it. */

/** Someone who edited, joined or left; timeline fields name them by their index in `authors`. */
export const playbackAuthorSchema = z.object({ key: z.string(), name: z.string(), kind: z.enum(['account', 'guest']) });
export type PlaybackAuthor = z.infer<typeof playbackAuthorSchema>;
/** The whole session on one clock (server ms), as the playback page draws it. */
export const playbackTimelineSchema = z.object({
  firstSeq: z.number(),
  lastSeq: z.number(),
  startAt: z.number(),
  endAt: z.number(),
  /** Everyone who edited, joined or left; `author` fields below index this list. */
  authors: z.array(playbackAuthorSchema),
  /** Update firstSeq + 1 + i: `at` as differences from the one before (the first from startAt). */
  updates: z.object({ atDeltas: z.array(z.number()), author: z.array(z.number()) }),
  runs: z.array(z.extend(runViewSchema, { finishedAt: z.nullable(z.number()) })),
  submissions: z.array(
    z.object({
      id: z.string(),
      submittedBy: z.string(),
      requestedAt: z.number(),
      finishedAt: z.nullable(z.number()),
      verdict: z.nullable(z.string()),
      passed: z.nullable(z.number()),
      total: z.number(),
    }),
  ),
  presence: z.array(z.object({ at: z.number(), kind: z.enum(['join', 'leave']), author: z.number() })),
  /** The room's chat messages in time order. */
  chat: z.array(chatMessageSchema),
});
export type PlaybackTimeline = z.infer<typeof playbackTimelineSchema>;

const rangeSchema = z.tuple([z.number(), z.number()]);
/** The room's documents after update `seq`, who wrote each part, and what that update changed. */
export const playbackMomentSchema = z.object({
  seq: z.number(),
  at: z.number(),
  code: z.string(),
  stdin: z.string(),
  /** Stretches of the code by author key (null: the room's starter code). */
  spans: z.array(z.object({ from: z.number(), to: z.number(), author: z.nullable(z.string()) })),
  /** The edit of update `seq` to the code: inserted [from, to] and deleted [at, count] ranges. */
  edit: z.nullable(z.object({ inserted: z.array(rangeSchema), deleted: z.array(rangeSchema), author: z.string() })),
  /** The hosts' private notes as they were then: only in hosts' playback. */
  notes: z.optional(z.string()),
});
export type PlaybackMoment = z.infer<typeof playbackMomentSchema>;
