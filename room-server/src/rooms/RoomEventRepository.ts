import type { Collection } from 'mongodb';
import { refusedWrites } from '../db/bulkWriteErrors.ts';
import type { Author } from './RoomUpdateRepository.ts';

/** Someone's socket joined or left a room, on the same clock as the room's update log. */
export interface RoomEvent {
  /**
   * Names the event from when it is queued, so storing it again keeps one: a batch retried
   * after its answer was lost, or (with Redis) a new lease holder storing what the stream holds.
   */
  _id?: string;
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

  /** Stores `events`; one stored already (the same `_id`) is kept as it is. */
  async append(events: readonly RoomEvent[]): Promise<void> {
    try {
      await this.collection.insertMany(
        events.map((event) => ({ ...event })),
        { ordered: false },
      );
    } catch (err) {
      if (!onlyDuplicates(err)) throw err;
    }
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

/** Whether every write an unordered insertMany refused was refused as a duplicate key. */
function onlyDuplicates(err: unknown): boolean {
  const errors = refusedWrites(err);
  return errors !== null && errors.length > 0 && errors.every((error) => error.code === 11000);
}
