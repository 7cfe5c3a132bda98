import type {
  ApiJobStatus,
  ExitEvent,
  FinishedEvent,
  LanguageId,
  RunEvent,
  RunLimits,
  SubmitEvent,
} from '@codestream/shared';
import type { Collection, Filter, MatchKeysAndValues } from 'mongodb';

interface ApiJobFields {
  _id: string;
  /** Who may read it: `t:<tokenId>` or `u:<userId>` (see ApiCaller). */
  caller: string;
  /** The account answerable for it (a token's owner). */
  userId: string;
  status: ApiJobStatus;
  language: LanguageId;
  createdAt: Date;
  finishedAt: Date | null;
  /**
   * Renewed while the process judging it is alive (ApiJobs); a job not finished whose
   * heartbeat stopped was cut off by a crash, and is marked interrupted.
   */
  heartbeatAt: Date;
  expiresAt: Date;
}

export interface ApiRunRecord extends ApiJobFields {
  kind: 'run';
  limits: RunLimits;
  /** Every event but the final one, consecutive output of one stream merged. */
  events: RunEvent[];
  result: ExitEvent | null;
}

export interface ApiSubmissionRecord extends ApiJobFields {
  kind: 'submission';
  problemSlug: string;
  total: number;
  /** Every event but the final one; hidden tests carry verdicts and measurements only (the judge's rule). */
  events: SubmitEvent[];
  result: FinishedEvent | null;
}

export type ApiJobRecord = ApiRunRecord | ApiSubmissionRecord;

export type ApiJobChange = Partial<Pick<ApiJobRecord, 'status' | 'events' | 'result' | 'finishedAt'>>;

const UNFINISHED: ApiJobStatus[] = ['queued', 'running'];

/** MongoDB's code for a command or option the server does not implement. */
const NOT_IMPLEMENTED = 238;

/** Runs and submissions made through the integration API, kept until they expire. */
export class ApiJobRepository {
  constructor(private readonly collection: Collection<ApiJobRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ status: 1, heartbeatAt: 1 });
    try {
      await this.collection.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    } catch (err) {
      // The embedded FerretDB has no TTL indexes: ApiJobs deletes expired jobs itself.
      if ((err as { code?: number }).code !== NOT_IMPLEMENTED) throw err;
      await this.collection.createIndex({ expiresAt: 1 });
    }
  }

  async insert(record: ApiJobRecord): Promise<void> {
    await this.collection.insertOne(record);
  }

  /** The job if `caller` made it and it has not expired (a TTL index deletes within a minute, or never). */
  find(id: string, caller: string, now: Date): Promise<ApiJobRecord | null> {
    return this.collection.findOne({ _id: id, caller, expiresAt: { $gt: now } });
  }

  /** Stores what judging changed: progress, or the final state. */
  async update(id: string, fields: ApiJobChange): Promise<void> {
    // The driver cannot type `$set` of a field whose type differs between the union's members.
    await this.collection.updateOne({ _id: id }, { $set: fields as MatchKeysAndValues<ApiJobRecord> });
  }

  async heartbeat(ids: string[], now: Date): Promise<void> {
    await this.collection.updateMany({ _id: { $in: ids } }, { $set: { heartbeatAt: now } });
  }

  /**
   * Marks interrupted the unfinished jobs (`id`, or all) whose heartbeat is older than
   * `cutoff`: the process judging them is gone. Conditional, so a live job whose
   * heartbeat lands first is left alone.
   */
  async interruptAbandoned(cutoff: Date, now: Date, id?: string): Promise<number> {
    const filter: Filter<ApiJobRecord> = { status: { $in: UNFINISHED }, heartbeatAt: { $lt: cutoff } };
    const result = await this.collection.updateMany(id === undefined ? filter : { ...filter, _id: id }, {
      $set: { status: 'interrupted', finishedAt: now },
    });
    return result.modifiedCount;
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.collection.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}
