import type { Collection } from 'mongodb';

export interface ApiTokenRecord {
  _id: string;
  /** sha256 of the secret (see hashToken): a leaked database leaks no usable token. */
  hash: string;
  name: string;
  /** The first characters of the secret, so admins can tell tokens apart. */
  hint: string;
  /** The account the token acts for: it works while that account may use the API. */
  ownerId: string;
  /** The admin who made it. */
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Kept (not deleted) once revoked, so the list still says who had it and when it stopped. */
  revokedAt: Date | null;
}

/** Tokens are read on every API request; recording a use more often than this would write on each. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** API tokens for integrators, made and revoked by admins. */
export class ApiTokenRepository {
  constructor(private readonly collection: Collection<ApiTokenRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ hash: 1 }, { unique: true });
  }

  async insert(record: ApiTokenRecord): Promise<void> {
    await this.collection.insertOne(record);
  }

  /** The token with this secret's hash, unless revoked. */
  findActive(hash: string): Promise<ApiTokenRecord | null> {
    return this.collection.findOne({ hash, revokedAt: null });
  }

  /** Newest first, revoked ones included. */
  list(): Promise<ApiTokenRecord[]> {
    return this.collection.find({}).sort({ createdAt: -1 }).toArray();
  }

  /** Revokes it (at once: the next request with it is refused); null when there is no such token. */
  async revoke(id: string): Promise<ApiTokenRecord | null> {
    const revoked = await this.collection.findOneAndUpdate(
      { _id: id, revokedAt: null },
      { $set: { revokedAt: new Date() } },
      { returnDocument: 'after' },
    );
    // Revoked before: it keeps its first date.
    return revoked ?? this.collection.findOne({ _id: id });
  }

  /** Notes that the token was used now, at most once a minute. */
  async used(token: ApiTokenRecord, now: Date): Promise<void> {
    if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.collection.updateOne({ _id: token._id }, { $set: { lastUsedAt: now } });
  }
}
