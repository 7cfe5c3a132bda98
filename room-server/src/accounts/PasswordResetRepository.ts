import type { Collection } from 'mongodb';

export interface PasswordResetRecord {
  /** sha256 of the link's token: a leaked database does not leak usable links. */
  _id: string;
  userId: string;
  createdBy: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** One-use links, made by admins, that set a new password for an account. */
export class PasswordResetRepository {
  constructor(private readonly collection: Collection<PasswordResetRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ expiresAt: 1 });
  }

  async create(reset: PasswordResetRecord): Promise<void> {
    await this.collection.insertOne(reset);
  }

  /** Marks the link used if it is unused and unexpired; atomic, so it works once. */
  async redeem(tokenHash: string): Promise<PasswordResetRecord | null> {
    return this.collection.findOneAndUpdate(
      { _id: tokenHash, usedAt: null, expiresAt: { $gt: new Date() } },
      { $set: { usedAt: new Date() } },
      { returnDocument: 'after' },
    );
  }
}
