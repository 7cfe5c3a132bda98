import { chatMessageSchema, runViewSchema } from '@codestream/shared';
import * as z from 'zod/mini';
import { type Fetch, requestJson } from '../lib/http.ts';

const authorSchema = z.object({ key: z.string(), name: z.string(), kind: z.enum(['account', 'guest']) });
export type PlaybackAuthor = z.infer<typeof authorSchema>;

const timelineSchema = z.object({
  firstSeq: z.number(),
  lastSeq: z.number(),
  startAt: z.number(),
  endAt: z.number(),
  authors: z.array(authorSchema),
  /** Update firstSeq + 1 + i: its time as a difference from the one before, and its author's index. */
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
export type PlaybackTimelineData = z.infer<typeof timelineSchema>;

const momentSchema = z.object({
  seq: z.number(),
  at: z.number(),
  code: z.string(),
  stdin: z.string(),
  /** Who wrote each stretch of the code (null: the starter code). */
  spans: z.array(z.object({ from: z.number(), to: z.number(), author: z.nullable(z.string()) })),
  /** What the update at `seq` changed, in positions of `code`. */
  edit: z.nullable(
    z.object({
      author: z.string(),
      inserted: z.array(z.tuple([z.number(), z.number()])),
      deleted: z.array(z.tuple([z.number(), z.number()])),
    }),
  ),
  /** The hosts' private notes as they were then: sent to hosts only. */
  notes: z.optional(z.string()),
});
export type PlaybackMomentData = z.infer<typeof momentSchema>;

const base = (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/playback`;

/** The room's whole session (hosts, or everyone in it when the hosts allow it). */
export function loadPlaybackTimeline(roomId: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(timelineSchema, base(roomId), { signal, fetchImpl });
}

/** The code right after update `seq`, who wrote each part, and what that update changed. */
export function loadPlaybackMoment(roomId: string, seq: number, signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(momentSchema, `${base(roomId)}/moment?seq=${seq}`, { signal, fetchImpl });
}
