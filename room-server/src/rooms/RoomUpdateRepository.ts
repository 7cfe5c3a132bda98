import { Binary, type Collection } from 'mongodb';
import { refusedWrites } from '../db/bulkWriteErrors.ts';

/**
 * Who made a change: an account, or a guest by the name they joined with and their
 * guest id (absent on entries logged before guests had one in the log).
 */
export type Author = { userId: string } | { guest: string; guestId?: string };

/** One accepted document update, as the update log keeps it. */
export interface RoomUpdate {
  room: string;
  /** Per room, from 1, without gaps: the order the room applied its updates in. */
  seq: number;
  /** Server time the room accepted it. */
  at: Date;
  author: Author;
  /** The Yjs update as the room applied it. */
  update: Uint8Array;
  /**
   * With Redis (several room-servers): the storage lease's fencing epoch of the server
   * that wrote it (see cluster/RoomLease), and the Redis stream entry it came from (the
   * same entry written by a stale holder and its successor is recognised as one).
   */
  epoch?: number;
  source?: string;
}

interface RoomUpdateRecord extends Omit<RoomUpdate, 'update'> {
  update: Binary;
}

/** The append-only log of every room's accepted updates (`room_updates`); nothing is deleted but a deleted room's. */
export class RoomUpdateRepository {
  constructor(private readonly collection: Collection<RoomUpdateRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ room: 1, seq: 1 }, { unique: true });
  }

  /**
   * Inserts `entries` in order, stopping at the first whose {room, seq} is taken: returns
   * its index (every entry before it is stored), or null when all were stored.
   */
  async append(entries: readonly RoomUpdate[]): Promise<{ duplicateAt: number | null }> {
    // Fresh documents on every call: the driver writes an _id into what it inserts.
    const records = entries.map((entry) => ({ ...entry, update: new Binary(entry.update) }));
    try {
      await this.collection.insertMany(records, { ordered: true });
      return { duplicateAt: null };
    } catch (err) {
      const duplicateAt = duplicateIndex(err);
      if (duplicateAt === null) throw err;
      return { duplicateAt };
    }
  }

  async find(room: string, seq: number): Promise<RoomUpdate | null> {
    const record = await this.collection.findOne({ room, seq });
    return record ? fromRecord(record) : null;
  }

  /** The room's updates after `seq`, in order. */
  async after(room: string, seq: number): Promise<RoomUpdate[]> {
    const records = await this.collection
      .find({ room, seq: { $gt: seq } })
      .sort({ seq: 1 })
      .toArray();
    return records.map(fromRecord);
  }

  /** The highest stored sequence number of the room; 0 when it has none. */
  async lastSeq(room: string): Promise<number> {
    const last = await this.collection.findOne({ room }, { sort: { seq: -1 }, projection: { seq: 1 } });
    return last?.seq ?? 0;
  }

  /** Removes the logs named `rooms` (a deleted room's and its notes'). */
  async removeRooms(rooms: readonly string[]): Promise<void> {
    await this.collection.deleteMany({ room: { $in: [...rooms] } });
  }
}

function fromRecord({ room, seq, at, author, update, epoch, source }: RoomUpdateRecord): RoomUpdate {
  return {
    room,
    seq,
    at,
    author,
    update: update.buffer,
    ...(epoch === undefined ? {} : { epoch }),
    ...(source === undefined ? {} : { source }),
  };
}

/** Index of the first entry refused as a duplicate key by an ordered insertMany, else null. */
export function duplicateIndex(err: unknown): number | null {
  const first = refusedWrites(err)?.[0];
  return first?.code === 11000 ? first.index : null;
}
