import { z } from './zodMini.ts';

/** Longest chat message, in characters (after trimming). */
export const CHAT_MAX_CHARS = 1000;
/** Messages a room sends a participant on joining: its latest ones. */
export const CHAT_HISTORY_SIZE = 100;

/** Who wrote a chat message, as the server knows their socket (never what the client claims). */
export const chatAuthorSchema = z.object({
  /** `u:<userId>` or `g:<guestId>`, as on their cursor. */
  id: z.string(),
  name: z.string(),
  color: z.string(),
});
export type ChatAuthor = z.infer<typeof chatAuthorSchema>;

/** One stored chat message of a room. */
export const chatMessageSchema = z.object({
  id: z.string(),
  author: chatAuthorSchema,
  /** Server time (ms) it was accepted. */
  at: z.number(),
  text: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** The person everyone follows while a host has "Follow me" on. */
export const followLeaderSchema = z.object({ id: z.string(), name: z.string() });
export type FollowLeader = z.infer<typeof followLeaderSchema>;

/** The text to store (trimmed), or why it cannot be sent. */
export function checkChatText(text: string): { ok: true; text: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, message: 'An empty chat message was not sent.' };
  if (trimmed.length > CHAT_MAX_CHARS) {
    return {
      ok: false,
      message: `Your chat message was not sent: it has ${trimmed.length} characters, at most ${CHAT_MAX_CHARS} fit.`,
    };
  }
  return { ok: true, text: trimmed };
}
