import type { Collection } from 'mongodb';
import type { Author } from './RoomUpdateRepository.ts';

/** Someone's socket joined or left a room, on the same clock as the room's update log. */
export interface RoomEvent {
  room: string;
  at: Date;
  kind: 'join' | 'leave';
  who: Author;
}

/** Joins and leaves of every room (`room_events`), appended in batches by the update log writer. */
export class RoomEventRepository {
  constructor(private readonly collection: Collection<RoomEvent>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ room: 1, at: 1 });
  }

  async append(events: readonly RoomEvent[]): Promise<void> {
    await this.collection.insertMany(
      events.map((event) => ({ ...event })),
      { ordered: true },
    );
  }

  /** The room's events in time order. */
  list(room: string): Promise<RoomEvent[]> {
    return this.collection
      .find({ room }, { projection: { _id: 0 } })
      .sort({ at: 1 })
      .toArray();
  }

  /** Removes a deleted room's joins and leaves. */
  async removeRoom(room: string): Promise<void> {
    await this.collection.deleteMany({ room });
  }
}
