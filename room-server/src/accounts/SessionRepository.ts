import type { Collection } from 'mongodb';

export interface SessionRecord {
  _id: string;
  /** Set once someone signs in, so all of a person's sessions can be revoked. */
  userId: string | null;
  data: Record<string, unknown>;
  expiresAt: Date;
  /** When the session was first stored (absent on sessions stored before it was kept). */
  createdAt?: Date;
}

/** Server-side sessions (koa-session's external store); the cookie holds only the key. */
export class SessionRepository {
  constructor(private readonly collection: Collection<SessionRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ userId: 1 });
    await this.collection.createIndex({ expiresAt: 1 });
  }

  async get(key: string): Promise<Record<string, unknown> | null> {
    const record = await this.collection.findOne({ _id: key });
    if (!record) return null;
    if (record.expiresAt.getTime() <= Date.now()) {
      await this.collection.deleteOne({ _id: key });
      return null;
    }
    return record.data;
  }

  async set(key: string, data: Record<string, unknown>, maxAgeMs: number): Promise<void> {
    const passport = data.passport as { user?: unknown } | undefined;
    const userId = typeof passport?.user === 'string' ? passport.user : null;
    await this.collection.updateOne(
      { _id: key },
      { $set: { data, userId, expiresAt: new Date(Date.now() + maxAgeMs) }, $setOnInsert: { createdAt: new Date() } },
      { upsert: true },
    );
  }

  async destroy(key: string): Promise<void> {
    await this.collection.deleteOne({ _id: key });
  }

  /** Signs a person out everywhere. */
  async destroyByUser(userId: string): Promise<number> {
    return (await this.collection.deleteMany({ userId })).deletedCount;
  }

  /** A person's sessions that have not expired. */
  listByUser(userId: string): Promise<SessionRecord[]> {
    return this.collection.find({ userId, expiresAt: { $gt: new Date() } }).toArray();
  }

  async deleteExpired(): Promise<void> {
    await this.collection.deleteMany({ expiresAt: { $lte: new Date() } });
  }
}
