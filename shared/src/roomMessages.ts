import { z } from 'zod';
import { LANGUAGE_IDS } from './languages.ts';
import { runEventSchema } from './runEvents.ts';
import { submitEventSchema } from './submissions.ts';

/** A run as every participant sees it: who started it and what it printed so far. */
export const runViewSchema = z.object({
  id: z.string(),
  startedBy: z.string(),
  language: z.enum(LANGUAGE_IDS),
  requestedAt: z.number(),
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
  total: z.number().int().min(0),
  /** Events so far; ends with `finished`. Hidden tests carry verdicts and times only. */
  events: z.array(submitEventSchema),
});
export type SubmissionView = z.infer<typeof submissionViewSchema>;

/** App messages sent by a participant. The server takes code, language and stdin from the room's doc. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run') }),
  /** Judge the room's code against every test of the room's problem. */
  z.object({ type: z.literal('submit') }),
  /** Stops the active run or submission (queued or running). */
  z.object({ type: z.literal('stop') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** App messages sent by the server. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  /** Sent once after connecting: the active or last run and submission, or null. */
  z.object({
    type: z.literal('room-state'),
    run: runViewSchema.nullable(),
    submission: submissionViewSchema.nullable().default(null),
  }),
  z.object({
    type: z.literal('run-started'),
    run: runViewSchema.pick({ id: true, startedBy: true, language: true, requestedAt: true }),
  }),
  z.object({ type: z.literal('run-event'), runId: z.string(), event: runEventSchema }),
  z.object({ type: z.literal('submission-started'), submission: submissionViewSchema.omit({ events: true }) }),
  z.object({ type: z.literal('submission-event'), submissionId: z.string(), event: submitEventSchema }),
  /** A request of this participant was refused (only sent to the one who asked). */
  z.object({ type: z.literal('refused'), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
