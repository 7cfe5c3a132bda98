import type { ChatMessage } from '@codestream/shared';

/** Chat messages a page keeps (the server sends the latest 100 on joining). */
export const CHAT_KEPT = 300;

/** The list with `message` added once (a message is never shown twice), the oldest dropped past CHAT_KEPT. */
export function appendChat(list: readonly ChatMessage[], message: ChatMessage): readonly ChatMessage[] {
  if (list.some((m) => m.id === message.id)) return list;
  const next = [...list, message];
  return next.length > CHAT_KEPT ? next.slice(next.length - CHAT_KEPT) : next;
}

/**
 * How many messages of others came after the last one this person saw. `seenId`:
 * undefined before the history arrived (nothing is unread yet), null when nothing was
 * there to see (all are new), else the id of the last message seen; if it was dropped
 * from the list, every message listed came after it.
 */
export function unreadCount(
  messages: readonly ChatMessage[],
  seenId: string | null | undefined,
  selfId: string | null,
): number {
  if (seenId === undefined) return 0;
  const start = seenId === null ? 0 : messages.findIndex((m) => m.id === seenId) + 1;
  return messages.slice(start).filter((m) => m.author.id !== selfId).length;
}
