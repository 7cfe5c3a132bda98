import type { Collection } from 'mongodb';

interface RoomArchiveRecord {
  /** The room's id. */
  _id: string;
  archivedBy: string;
  archivedAt: Date;
}

/**
 * Which rooms their owners archived (`room_archive`), apart from the room record: the
 * embedded database has lost one of two concurrent `$set`s on one document, and the record
 * is written by the loaded room (its doc, its latest jobs) while its owner archives it.
 */
export class RoomArchiveRepository {
  constructor(private readonly collection: Collection<RoomArchiveRecord>) {}

  /** Archives the room; archiving it again keeps the first date. */
  async archive(roomId: string, archivedBy: string): Promise<void> {
    await this.collection.updateOne(
      { _id: roomId },
      { $setOnInsert: { archivedBy, archivedAt: new Date() } },
      { upsert: true },
    );
  }

  async unarchive(roomId: string): Promise<void> {
    await this.collection.deleteOne({ _id: roomId });
  }

  /** Which of `roomIds` are archived. */
  async archivedAmong(roomIds: readonly string[]): Promise<Set<string>> {
    if (roomIds.length === 0) return new Set();
    const found = await this.collection.find({ _id: { $in: [...roomIds] } }, { projection: { _id: 1 } }).toArray();
    return new Set(found.map((record) => record._id));
  }
}
