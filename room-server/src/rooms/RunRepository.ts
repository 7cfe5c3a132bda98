import type { ExitEvent, LanguageId, RunEvent, RunView } from '@codestream/shared';
import type { Collection } from 'mongodb';

export interface RunRecord {
  _id: string;
  roomId: string;
  startedBy: string;
  language: LanguageId;
  code: string;
  stdin: string;
  requestedAt: Date;
  finishedAt: Date | null;
  /** Output events (merged per stream) and the final exit event. */
  events: RunEvent[];
  exit: ExitEvent | null;
}

export class RunRepository {
  constructor(private readonly collection: Collection<RunRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ roomId: 1, requestedAt: -1 });
  }

  async insert(run: Omit<RunRecord, 'finishedAt' | 'events' | 'exit'>): Promise<void> {
    await this.collection.insertOne({ ...run, finishedAt: null, events: [], exit: null });
  }

  /** `ifUnfinished`: only when no end is stored yet. */
  async finish(id: string, events: RunEvent[], exit: ExitEvent, ifUnfinished = false): Promise<void> {
    const filter = ifUnfinished ? { _id: id, finishedAt: null } : { _id: id };
    await this.collection.updateOne(filter, { $set: { events, exit, finishedAt: new Date() } });
  }

  findById(id: string): Promise<RunRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  findLatest(roomId: string): Promise<RunRecord | null> {
    return this.collection.findOne({ roomId }, { sort: { requestedAt: -1 } });
  }

  listByRoom(roomId: string, limit: number): Promise<RunRecord[]> {
    return this.collection.find({ roomId }).sort({ requestedAt: -1 }).limit(limit).toArray();
  }

  /** Removes a deleted room's runs. */
  async removeByRoom(roomId: string): Promise<void> {
    await this.collection.deleteMany({ roomId });
  }
}

export function toRunView(record: RunRecord): RunView {
  return {
    id: record._id,
    startedBy: record.startedBy,
    language: record.language,
    requestedAt: record.requestedAt.getTime(),
    events: record.events,
  };
}
