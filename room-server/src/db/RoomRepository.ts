import type { LanguageId } from '@codestream/shared';
import { Binary, type Collection } from 'mongodb';

export interface RoomRecord {
  _id: string;
  language: LanguageId;
  createdAt: Date;
  updatedAt: Date;
  /** The room's Y.Doc as one Yjs update (Y.encodeStateAsUpdate). */
  doc: Binary;
}

export class RoomRepository {
  constructor(private readonly collection: Collection<RoomRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ createdAt: 1 });
  }

  async create(room: { _id: string; language: LanguageId; doc: Uint8Array }): Promise<RoomRecord> {
    const now = new Date();
    const record: RoomRecord = { ...room, doc: new Binary(room.doc), createdAt: now, updatedAt: now };
    await this.collection.insertOne(record);
    return record;
  }

  find(id: string): Promise<RoomRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  /** Metadata only: skips the doc, which can be large. */
  findMeta(id: string): Promise<Omit<RoomRecord, 'doc'> | null> {
    return this.collection.findOne({ _id: id }, { projection: { doc: 0 } });
  }

  async saveDoc(id: string, update: Uint8Array, language: LanguageId): Promise<void> {
    await this.collection.updateOne(
      { _id: id },
      { $set: { doc: new Binary(update), language, updatedAt: new Date() } },
    );
  }
}
