import { randomUUID } from 'node:crypto';
import type { Difficulty, ProblemInput, ProblemSummary, Sample, Visibility } from '@codestream/shared';
import type { Collection, Filter } from 'mongodb';
import { escapeRegex } from '../db/escapeRegex.ts';

/** What solvers see of a problem's tests, kept on the problem by refreshTestSummary. */
export interface TestSummary {
  samples: Sample[];
  hiddenTestCount: number;
}

/**
 * A problem without its test data: that lives in `testcases`. A copy of the samples and
 * the count of hidden tests is kept here, because the embedded FerretDB answers every
 * filtered query by reading the whole collection: a problem page that queried
 * `testcases` would read every test of every problem.
 */
export interface ProblemRecord extends ProblemInput, TestSummary {
  _id: string;
  /** User id of the author who created it; null for seeded problems. */
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class DuplicateSlugError extends Error {
  readonly reason = 'duplicate-slug';
  constructor(readonly slug: string) {
    super(`A problem with slug "${slug}" already exists`);
  }
}

export interface ProblemSearch {
  /** Case-insensitive substring of the title, slug or a tag. */
  q?: string;
  tag?: string;
  difficulty?: Difficulty;
  /** Allowed visibilities; members get only 'published'. */
  visibility: readonly Visibility[];
  skip: number;
  limit: number;
}

const SUMMARY_PROJECTION = { _id: 0, slug: 1, title: 1, difficulty: 1, tags: 1, visibility: 1 } as const;

export function toSummary(record: Pick<ProblemRecord, keyof ProblemSummary>): ProblemSummary {
  const { slug, title, difficulty, tags, visibility } = record;
  return { slug, title, difficulty, tags, visibility };
}

/**
 * MongoDB reports a unique index violation as code 11000. FerretDB does so on insert, but
 * on update answers code 1 with SQLite's message, hence the second test.
 */
function isDuplicateKey(err: unknown): boolean {
  const { code, message } = err as { code?: number; message?: string };
  return code === 11000 || /UNIQUE constraint failed/.test(message ?? '');
}

export class ProblemRepository {
  constructor(private readonly collection: Collection<ProblemRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ slug: 1 }, { unique: true });
    await this.collection.createIndex({ visibility: 1, difficulty: 1 });
    await this.collection.createIndex({ tags: 1 });
  }

  async create(problem: ProblemInput, createdBy: string | null): Promise<ProblemRecord> {
    const now = new Date();
    const record: ProblemRecord = {
      ...problem,
      _id: randomUUID(),
      samples: [],
      hiddenTestCount: 0,
      createdBy,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.collection.insertOne(record);
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateSlugError(problem.slug);
      throw err;
    }
    return record;
  }

  findBySlug(slug: string): Promise<ProblemRecord | null> {
    return this.collection.findOne({ slug });
  }

  /** The titles of the problems named `slugs` (one query: a scan on the embedded database). */
  async titlesOf(slugs: readonly string[]): Promise<Map<string, string>> {
    if (slugs.length === 0) return new Map();
    const found = await this.collection
      .find({ slug: { $in: [...slugs] } }, { projection: { _id: 0, slug: 1, title: 1 } })
      .toArray();
    return new Map(found.map((problem) => [problem.slug, problem.title]));
  }

  /** Replaces every author-editable field (a rename included); null when the problem is gone. */
  async update(id: string, problem: ProblemInput): Promise<ProblemRecord | null> {
    // Checked first for a clear answer; the unique index still decides a race.
    if (await this.collection.findOne({ slug: problem.slug, _id: { $ne: id } }, { projection: { _id: 1 } })) {
      throw new DuplicateSlugError(problem.slug);
    }
    try {
      return await this.collection.findOneAndUpdate(
        { _id: id },
        { $set: { ...problem, updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateSlugError(problem.slug);
      throw err;
    }
  }

  async setTestSummary(id: string, summary: TestSummary): Promise<void> {
    await this.collection.updateOne(
      { _id: id },
      { $set: { samples: summary.samples, hiddenTestCount: summary.hiddenTestCount } },
    );
  }

  async delete(id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: id })).deletedCount === 1;
  }

  /**
   * FerretDB has no $text index, so search is an escaped, case-insensitive $regex over
   * title, slug and tags: a scan, which is fine for a bank of thousands of problems.
   */
  async search(options: ProblemSearch): Promise<{ items: ProblemSummary[]; total: number }> {
    const filter: Filter<ProblemRecord> = { visibility: { $in: [...options.visibility] } };
    if (options.tag) filter.tags = options.tag;
    if (options.difficulty) filter.difficulty = options.difficulty;
    if (options.q) {
      const pattern = { $regex: escapeRegex(options.q), $options: 'i' };
      filter.$or = [{ title: pattern }, { slug: pattern }, { tags: pattern }];
    }
    const [items, total] = await Promise.all([
      this.collection
        .find(filter, { projection: SUMMARY_PROJECTION })
        .sort({ slug: 1 })
        .skip(options.skip)
        .limit(options.limit)
        .toArray(),
      this.collection.countDocuments(filter),
    ]);
    return { items: items.map(toSummary), total };
  }

  async isEmpty(): Promise<boolean> {
    return (await this.collection.countDocuments({}, { limit: 1 })) === 0;
  }
}
