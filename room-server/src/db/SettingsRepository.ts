import { randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';

interface SettingRecord {
  _id: string;
  value: string;
}

/** Instance-wide values the server makes itself, such as the cookie signing key. */
export class SettingsRepository {
  constructor(private readonly collection: Collection<SettingRecord>) {}

  /**
   * The stored value of `key`, created with `make` on first use. Insert-if-absent is one
   * atomic upsert, so two servers starting at once agree on one value.
   */
  async getOrCreate(key: string, make: () => string = () => randomBytes(32).toString('base64url')): Promise<string> {
    const record = await this.collection.findOneAndUpdate(
      { _id: key },
      { $setOnInsert: { value: make() } },
      { upsert: true, returnDocument: 'after' },
    );
    if (!record) throw new Error(`setting ${key} could not be stored`);
    return record.value;
  }
}
