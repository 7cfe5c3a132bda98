import type { Role } from '@codestream/shared';
import type { Collection } from 'mongodb';

export interface SignupInviteRecord {
  /** sha256 of the token: a leaked database does not leak usable invites. */
  _id: string;
  role: Role;
  createdBy: string;
  expiresAt: Date;
  usedBy: string | null;
}

/** One-use invitations to register while registration is invite-only. */
export class SignupInviteRepository {
  constructor(private readonly collection: Collection<SignupInviteRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ expiresAt: 1 });
  }

  async create(invite: SignupInviteRecord): Promise<void> {
    await this.collection.insertOne(invite);
  }

  /** Marks the invite used by `userId` if it is still valid; atomic, so one use only. */
  async redeem(tokenHash: string, userId: string): Promise<SignupInviteRecord | null> {
    return this.collection.findOneAndUpdate(
      { _id: tokenHash, usedBy: null, expiresAt: { $gt: new Date() } },
      { $set: { usedBy: userId } },
      { returnDocument: 'after' },
    );
  }
}
