import type { Scorecard, ScorecardInput } from '@codestream/shared';
import type { Collection } from 'mongodb';

interface ScorecardRecord extends ScorecardInput {
  /** The room's id: one scorecard per room. */
  _id: string;
  updatedBy: string;
  updatedAt: Date;
}

/** Rooms' scorecards (`room_scorecards`), apart from the room record, which every participant's requests read. */
export class ScorecardRepository {
  constructor(private readonly collection: Collection<ScorecardRecord>) {}

  async find(roomId: string): Promise<Scorecard | null> {
    const record = await this.collection.findOne({ _id: roomId });
    if (!record) return null;
    return {
      scores: record.scores,
      recommendation: record.recommendation,
      updatedBy: record.updatedBy,
      updatedAt: record.updatedAt.toISOString(),
    };
  }

  /** Replaces the room's scorecard (the last save wins, whole). */
  async save(roomId: string, input: ScorecardInput, updatedBy: string): Promise<Scorecard> {
    const updatedAt = new Date();
    const { scores, recommendation } = input;
    await this.collection.replaceOne(
      { _id: roomId },
      { scores, recommendation, updatedBy, updatedAt },
      { upsert: true },
    );
    return { scores, recommendation, updatedBy, updatedAt: updatedAt.toISOString() };
  }

  /** Removes a deleted room's scorecard. */
  async remove(roomId: string): Promise<void> {
    await this.collection.deleteOne({ _id: roomId });
  }
}
