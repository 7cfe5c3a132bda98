import { z } from 'zod';
import { LANGUAGE_IDS } from './languages.ts';
import { runEventSchema } from './runEvents.ts';

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

/** App messages sent by a participant. The server takes code, language and stdin from the room's doc. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run') }),
  z.object({ type: z.literal('stop') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** App messages sent by the server. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  /** Sent once after connecting: the active run, or the last finished one, or null. */
  z.object({ type: z.literal('room-state'), run: runViewSchema.nullable() }),
  z.object({
    type: z.literal('run-started'),
    run: runViewSchema.pick({ id: true, startedBy: true, language: true, requestedAt: true }),
  }),
  z.object({ type: z.literal('run-event'), runId: z.string(), event: runEventSchema }),
  /** A request of this participant was refused (only sent to the one who asked). */
  z.object({ type: z.literal('refused'), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

export const displayNameSchema = z.string().trim().min(1).max(40);
