import type { FinishedEvent, LanguageId, SubmissionView, SubmitEvent, TestEvent } from '@codestream/shared';
import type { Collection, Filter } from 'mongodb';

export interface SubmissionRecord {
  _id: string;
  roomId: string;
  problemSlug: string;
  /** null for guests. */
  userId: string | null;
  submittedBy: string;
  language: LanguageId;
  code: string;
  requestedAt: Date;
  finishedAt: Date | null;
  total: number;
  /** Every event but the per-test ones (queued, compiling, compiled, finished). */
  events: SubmitEvent[];
  /** One per judged test; hidden ones carry verdicts and measurements only. */
  results: TestEvent[];
  finished: FinishedEvent | null;
}

export class SubmissionRepository {
  constructor(private readonly collection: Collection<SubmissionRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ roomId: 1, requestedAt: -1 });
    await this.collection.createIndex({ problemSlug: 1, requestedAt: -1 });
    await this.collection.createIndex({ userId: 1, requestedAt: -1 });
  }

  async insert(record: Omit<SubmissionRecord, 'finishedAt' | 'events' | 'results' | 'finished'>): Promise<void> {
    await this.collection.insertOne({ ...record, finishedAt: null, events: [], results: [], finished: null });
  }

  /** `ifUnfinished`: only when no end is stored yet. */
  async finish(id: string, events: SubmitEvent[], finished: FinishedEvent, ifUnfinished = false): Promise<void> {
    const results = events.filter((e): e is TestEvent => e.type === 'test');
    const others = events.filter((e) => e.type !== 'test');
    await this.collection.updateOne(ifUnfinished ? { _id: id, finishedAt: null } : { _id: id }, {
      $set: { events: others, results, finished, finishedAt: new Date() },
    });
  }

  findById(id: string): Promise<SubmissionRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  findLatestByRoom(roomId: string): Promise<SubmissionRecord | null> {
    return this.collection.findOne({ roomId }, { sort: { requestedAt: -1 } });
  }

  /** Newest first, without code (lists stay small). */
  list(filter: Filter<SubmissionRecord>, limit: number): Promise<Omit<SubmissionRecord, 'code'>[]> {
    return this.collection
      .find(filter, { projection: { code: 0 } })
      .sort({ requestedAt: -1 })
      .limit(limit)
      .toArray();
  }
}

/** The stored submission as participants saw it live: events in order, `finished` last. */
export function toSubmissionView(record: SubmissionRecord): SubmissionView {
  const before = record.events.filter((e) => e.type !== 'finished');
  return {
    id: record._id,
    submittedBy: record.submittedBy,
    language: record.language,
    problemSlug: record.problemSlug,
    requestedAt: record.requestedAt.getTime(),
    total: record.total,
    events: [...before, ...record.results, ...(record.finished ? [record.finished] : [])],
  };
}
