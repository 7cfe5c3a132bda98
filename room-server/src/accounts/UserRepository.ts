import { randomUUID } from 'node:crypto';
import type { PublicUser, Role } from '@codestream/shared';
import type { Collection, Filter } from 'mongodb';
import { escapeRegex } from '../db/escapeRegex.ts';

export interface UserRecord {
  _id: string;
  /** Lowercased; unique. */
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: Date;
}

export class DuplicateEmailError extends Error {
  readonly reason = 'duplicate-email';
}

export function toPublicUser(record: UserRecord): PublicUser {
  return { id: record._id, email: record.email, name: record.name, role: record.role };
}

export class UserRepository {
  constructor(private readonly collection: Collection<UserRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ email: 1 }, { unique: true });
  }

  async create(user: Pick<UserRecord, 'email' | 'name' | 'role' | 'passwordHash'>): Promise<UserRecord> {
    const record: UserRecord = { _id: randomUUID(), ...user, disabled: false, createdAt: new Date() };
    try {
      await this.collection.insertOne(record);
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new DuplicateEmailError(`${user.email} is taken`);
      throw err;
    }
    return record;
  }

  findById(id: string): Promise<UserRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.collection.findOne({ email: email.toLowerCase() });
  }

  async hasAdmin(): Promise<boolean> {
    return (await this.collection.countDocuments({ role: 'admin', disabled: false }, { limit: 1 })) > 0;
  }

  async list(options: {
    query?: string;
    skip: number;
    limit: number;
  }): Promise<{ items: UserRecord[]; total: number }> {
    const filter: Filter<UserRecord> = options.query
      ? {
          $or: [
            { email: { $regex: escapeRegex(options.query), $options: 'i' } },
            { name: { $regex: escapeRegex(options.query), $options: 'i' } },
          ],
        }
      : {};
    const [items, total] = await Promise.all([
      this.collection.find(filter).sort({ createdAt: 1 }).skip(options.skip).limit(options.limit).toArray(),
      this.collection.countDocuments(filter),
    ]);
    return { items, total };
  }

  async update(id: string, changes: Partial<Pick<UserRecord, 'role' | 'disabled' | 'name' | 'passwordHash'>>) {
    return this.collection.findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'after' });
  }
}
