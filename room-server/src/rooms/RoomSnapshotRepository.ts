import { Binary, type Collection } from 'mongodb';
import { duplicateIndex } from './RoomUpdateRepository.ts';

/** A room's whole document after its update `seq` (0: the seed of a room made before the log). */
export interface RoomSnapshot {
  room: string;
  /** The last logged update the snapshot includes. */
  seq: number;
  at: Date;
  /** Y.encodeStateAsUpdate of the room's doc. */
  doc: Uint8Array;
}

interface RoomSnapshotRecord extends Omit<RoomSnapshot, 'doc'> {
  doc: Binary;
}

/**
 * Periodic snapshots of every room (`room_snapshots`), all kept: loading starts at the
 * latest, and any earlier moment is rebuilt from the one before it plus the log.
 */
export class RoomSnapshotRepository {
  constructor(private readonly collection: Collection<RoomSnapshotRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ room: 1, seq: -1 }, { unique: true });
  }

  /** Stores the snapshots; one already stored (a retry after a lost reply) is skipped. */
  async append(snapshots: readonly RoomSnapshot[]): Promise<void> {
    const records = snapshots.map((snapshot) => ({ ...snapshot, doc: new Binary(snapshot.doc) }));
    for (let start = 0; start < records.length; ) {
      try {
        await this.collection.insertMany(records.slice(start), { ordered: true });
        return;
      } catch (err) {
        const duplicateAt = duplicateIndex(err);
        if (duplicateAt === null) throw err;
        start += duplicateAt + 1;
      }
    }
  }

  async latest(room: string): Promise<RoomSnapshot | null> {
    return fromRecord(await this.collection.findOne({ room }, { sort: { seq: -1 } }));
  }

  /** The room's first snapshot (seq 0, its seed, for rooms made since seeds were kept). */
  async earliest(room: string): Promise<RoomSnapshot | null> {
    return fromRecord(await this.collection.findOne({ room }, { sort: { seq: 1 } }));
  }

  /** Removes the snapshots of `rooms` (a deleted room's and its notes'). */
  async removeRooms(rooms: readonly string[]): Promise<void> {
    await this.collection.deleteMany({ room: { $in: [...rooms] } });
  }
}

function fromRecord(record: RoomSnapshotRecord | null): RoomSnapshot | null {
  return record ? { room: record.room, seq: record.seq, at: record.at, doc: record.doc.buffer } : null;
}
