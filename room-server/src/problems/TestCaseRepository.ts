import { randomUUID } from 'node:crypto';
import type { Sample, TestCase, TestCaseInput, TestCasePreview, TestKind } from '@codestream/shared';
import type { Collection } from 'mongodb';

/** One test per document: problems never load test data, and a test is read alone. */
export interface TestCaseRecord {
  _id: string;
  problemId: string;
  kind: TestKind;
  /** Position within the problem's tests of this kind. */
  order: number;
  input: string;
  output: string;
  inputBytes: number;
  outputBytes: number;
  createdAt: Date;
}

export function toTestCase(record: TestCaseRecord): TestCase {
  return { id: record._id, kind: record.kind, input: record.input, output: record.output, order: record.order };
}

/** Cuts at a character boundary, never inside a surrogate pair. */
function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return text.slice(0, end);
}

/** Samples first (they are shown and run first), then by order. */
function judgingOrder(a: TestCaseRecord, b: TestCaseRecord): number {
  return Number(b.kind === 'sample') - Number(a.kind === 'sample') || a.order - b.order || a._id.localeCompare(b._id);
}

export class TestCaseRepository {
  constructor(private readonly collection: Collection<TestCaseRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ problemId: 1, kind: 1, order: 1 });
  }

  /** Every test of a problem, samples first: what authors edit and the judge runs. */
  async list(problemId: string): Promise<TestCaseRecord[]> {
    return (await this.collection.find({ problemId }).toArray()).sort(judgingOrder);
  }

  /**
   * Every test with input and output cut to `maxChars`: a listing for authors that stays
   * small even when tests are megabytes each (one document in memory at a time).
   */
  async listPreviews(problemId: string, maxChars: number): Promise<TestCasePreview[]> {
    const previews: (TestCasePreview & { record: TestCaseRecord })[] = [];
    for await (const record of this.collection.find({ problemId })) {
      const truncated = record.input.length > maxChars || record.output.length > maxChars;
      const cut = { ...record, input: cutText(record.input, maxChars), output: cutText(record.output, maxChars) };
      previews.push({
        ...toTestCase(cut),
        inputBytes: record.inputBytes,
        outputBytes: record.outputBytes,
        truncated,
        record: cut,
      });
    }
    return previews.sort((a, b) => judgingOrder(a.record, b.record)).map(({ record: _, ...preview }) => preview);
  }

  /** Sum of the sizes of a problem's tests, to bound what one problem may hold. */
  async totalBytes(problemId: string): Promise<number> {
    let total = 0;
    for await (const sizes of this.collection.find({ problemId }, { projection: { inputBytes: 1, outputBytes: 1 } })) {
      total += sizes.inputBytes + sizes.outputBytes;
    }
    return total;
  }

  /** What solvers see of the tests: the samples' data, never a hidden test's. */
  async samples(problemId: string): Promise<Sample[]> {
    const records = await this.collection
      .find({ problemId, kind: 'sample' }, { projection: { input: 1, output: 1, order: 1 } })
      .sort({ order: 1, _id: 1 })
      .toArray();
    return records.map(({ input, output }) => ({ input, output }));
  }

  count(problemId: string, kind?: TestKind): Promise<number> {
    return this.collection.countDocuments(kind ? { problemId, kind } : { problemId });
  }

  find(problemId: string, id: string): Promise<TestCaseRecord | null> {
    return this.collection.findOne({ _id: id, problemId });
  }

  /** Appends after the problem's last test of each kind, keeping the given order. */
  async append(problemId: string, tests: readonly TestCaseInput[]): Promise<TestCaseRecord[]> {
    if (tests.length === 0) return [];
    const next: Record<TestKind, number> = {
      sample: (await this.lastOrder(problemId, 'sample')) + 1,
      hidden: (await this.lastOrder(problemId, 'hidden')) + 1,
    };
    const now = new Date();
    const records = tests.map(
      (test): TestCaseRecord => ({
        _id: randomUUID(),
        problemId,
        kind: test.kind,
        order: next[test.kind]++,
        input: test.input,
        output: test.output,
        inputBytes: Buffer.byteLength(test.input),
        outputBytes: Buffer.byteLength(test.output),
        createdAt: now,
      }),
    );
    // One insert per test: a batch of several 8 MiB tests would exceed a message's 48 MB.
    for (const record of records) await this.collection.insertOne(record);
    return records;
  }

  /** Replaces a test's data; a change of kind, or an explicit order, moves it. */
  async update(
    problemId: string,
    id: string,
    test: TestCaseInput & { order?: number | undefined },
  ): Promise<TestCaseRecord | null> {
    const current = await this.find(problemId, id);
    if (!current) return null;
    const order =
      test.order ?? (test.kind === current.kind ? current.order : (await this.lastOrder(problemId, test.kind)) + 1);
    return this.collection.findOneAndUpdate(
      { _id: id, problemId },
      {
        $set: {
          kind: test.kind,
          order,
          input: test.input,
          output: test.output,
          inputBytes: Buffer.byteLength(test.input),
          outputBytes: Buffer.byteLength(test.output),
        },
      },
      { returnDocument: 'after' },
    );
  }

  async delete(problemId: string, id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: id, problemId })).deletedCount === 1;
  }

  async deleteAll(problemId: string): Promise<number> {
    return (await this.collection.deleteMany({ problemId })).deletedCount;
  }

  private async lastOrder(problemId: string, kind: TestKind): Promise<number> {
    const last = await this.collection.findOne({ problemId, kind }, { sort: { order: -1 }, projection: { order: 1 } });
    return last?.order ?? -1;
  }
}
