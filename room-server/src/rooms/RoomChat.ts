import { randomBytes } from 'node:crypto';
import { type ChatAuthor, type ChatMessage, checkChatText, type ServerMessage } from '@codestream/shared';
import type { Logger } from '../log/logger.ts';
import { ChatRateLimiter } from './ChatRateLimiter.ts';
import type { ChatRecord } from './ChatRepository.ts';
import type { RoomPeer } from './Room.ts';

/** Chat messages one socket may send in CHAT_RATE_WINDOW_MS. */
export const CHAT_RATE_LIMIT = 5;
export const CHAT_RATE_WINDOW_MS = 5_000;

export interface RoomChatOptions {
  roomId: string;
  /** The room's latest messages when it was loaded, oldest first. */
  history: readonly ChatMessage[];
  /** Stores one message; a failure means it was not sent. */
  insert(record: ChatRecord): Promise<void>;
  /** The name, id and colour the server knows for a socket. */
  authorOf(peer: RoomPeer): ChatAuthor;
  sendTo(peer: RoomPeer, message: ServerMessage): void;
  broadcast(message: ServerMessage): void;
  historySize: number;
  log: Logger;
}

/**
 * A room's chat: each message is checked, rate-limited per socket, stored, and only then
 * sent to everyone, in the order taken (its author's copy is the acknowledgement). A joining socket gets the
 * latest `historySize` messages.
 */
export class RoomChat {
  private readonly recent: ChatMessage[];
  private readonly limiter = new ChatRateLimiter<RoomPeer>(CHAT_RATE_LIMIT, CHAT_RATE_WINDOW_MS);
  /**
   * Messages are stored one after the other, so everyone gets them in the order the room
   * took them (concurrent inserts may finish in any order).
   */
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly options: RoomChatOptions) {
    this.recent = options.history.slice(-options.historySize);
  }

  joined(peer: RoomPeer): void {
    this.options.sendTo(peer, { type: 'chat-history', messages: [...this.recent] });
  }

  left(peer: RoomPeer): void {
    this.limiter.forget(peer);
  }

  /** Takes a chat message of `peer` (who may chat: the room checked their role). */
  post(peer: RoomPeer, text: string): void {
    const checked = checkChatText(text);
    if (!checked.ok) {
      this.options.sendTo(peer, { type: 'refused', message: checked.message });
      return;
    }
    const now = Date.now();
    if (!this.limiter.take(peer, now)) {
      const seconds = Math.ceil(this.limiter.waitMs(peer, now) / 1000);
      this.options.sendTo(peer, {
        type: 'refused',
        message: `Your chat message was not sent: at most ${CHAT_RATE_LIMIT} messages in ${CHAT_RATE_WINDOW_MS / 1000} seconds. Try again in ${seconds} s.`,
      });
      return;
    }
    const message: ChatMessage = {
      id: randomBytes(9).toString('base64url'),
      author: this.options.authorOf(peer),
      at: now,
      text: checked.text,
    };
    // store() never rejects: a failure is told to the sender.
    this.tail = this.tail.then(() => this.store(peer, message));
  }

  /** Resolves once every message taken is stored or refused. */
  settled(): Promise<void> {
    return this.tail;
  }

  private async store(peer: RoomPeer, message: ChatMessage): Promise<void> {
    const { roomId, insert, log } = this.options;
    try {
      await insert({
        _id: message.id,
        room: roomId,
        at: new Date(message.at),
        author: message.author,
        text: message.text,
      });
    } catch (err) {
      log.warn({ err, roomId }, 'storing a chat message failed');
      this.options.sendTo(peer, {
        type: 'refused',
        message: 'Your chat message was not sent: it could not be stored. Try again.',
      });
      return;
    }
    this.remember(message);
    this.options.broadcast({ type: 'chat', message });
  }

  /** A message stored and sent by another server: the history of sockets joining here has it too. */
  remember(message: ChatMessage): void {
    this.recent.push(message);
    if (this.recent.length > this.options.historySize) this.recent.shift();
  }
}
