import type { ChatMessage } from '@codestream/shared';
import type { Collection } from 'mongodb';

/** A chat message as stored (`room_chat`): on the room's clock, like its updates and joins. */
export interface ChatRecord {
  _id: string;
  room: string;
  at: Date;
  author: ChatMessage['author'];
  text: string;
}

export function toChatMessage(record: ChatRecord): ChatMessage {
  return { id: record._id, author: record.author, at: record.at.getTime(), text: record.text };
}

/** Every room's chat. */
export class ChatRepository {
  constructor(private readonly collection: Collection<ChatRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ room: 1, at: 1 });
  }

  async insert(record: ChatRecord): Promise<void> {
    await this.collection.insertOne({ ...record });
  }

  /** The room's latest `limit` messages, oldest first. */
  async recent(room: string, limit: number): Promise<ChatRecord[]> {
    const newest = await this.collection.find({ room }).sort({ at: -1, _id: -1 }).limit(limit).toArray();
    return newest.reverse();
  }

  /** The room's messages in time order (at most `limit`, the first ones). */
  list(room: string, limit: number): Promise<ChatRecord[]> {
    return this.collection.find({ room }).sort({ at: 1, _id: 1 }).limit(limit).toArray();
  }

  /** Removes the room's chat (the room is deleted). */
  async removeRoom(room: string): Promise<void> {
    await this.collection.deleteMany({ room });
  }
}
