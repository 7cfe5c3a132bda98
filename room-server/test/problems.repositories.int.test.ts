import { problemInputSchema } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { CLASSIC_PROBLEMS } from '../src/problems/classicProblems.ts';
import { DuplicateSlugError } from '../src/problems/ProblemRepository.ts';
import { seedProblems } from '../src/problems/seedProblems.ts';
import { openTestDatabase } from './harness.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const input = (slug: string) => problemInputSchema.parse({ slug, title: slug, statement: 's', difficulty: 'easy' });

describe('ProblemRepository', () => {
  it('keeps slugs unique on create and update', async () => {
    const a = await database.problems.create(input('repo-a'), 'user-1');
    await database.problems.create(input('repo-b'), null);
    await expect(database.problems.create(input('repo-a'), null)).rejects.toBeInstanceOf(DuplicateSlugError);
    await expect(database.problems.update(a._id, input('repo-b'))).rejects.toBeInstanceOf(DuplicateSlugError);
    expect((await database.problems.update(a._id, input('repo-c')))?.slug).toBe('repo-c');
    expect(await database.problems.findBySlug('repo-a')).toBeNull();
  });
});

describe('TestCaseRepository', () => {
  it('appends in order per kind, moves tests between kinds, and deletes them with the problem', async () => {
    const tests = database.tests;
    const problem = await database.problems.create(input('repo-tests'), null);
    const [h0, s0] = await tests.append(problem._id, [
      { kind: 'hidden', input: 'h0', output: 'H0' },
      { kind: 'sample', input: 's0', output: 'S0' },
    ]);
    await tests.append(problem._id, [{ kind: 'hidden', input: 'h1', output: 'H1' }]);
    expect((await tests.list(problem._id)).map((t) => `${t.kind}${t.order}:${t.input}`)).toEqual([
      'sample0:s0',
      'hidden0:h0',
      'hidden1:h1',
    ]);
    expect(s0?.inputBytes).toBe(2);
    expect(await tests.samples(problem._id)).toEqual([{ input: 's0', output: 'S0' }]);
    expect(await tests.count(problem._id, 'hidden')).toBe(2);
    expect(await tests.totalBytes(problem._id)).toBe(12);

    await tests.update(problem._id, h0?._id ?? '', { kind: 'sample', input: 'h0', output: 'H0!' });
    expect((await tests.list(problem._id)).map((t) => `${t.kind}${t.order}:${t.input}`)).toEqual([
      'sample0:s0',
      'sample1:h0',
      'hidden1:h1',
    ]);
    expect(await tests.update('another-problem', h0?._id ?? '', { kind: 'sample', input: '', output: '' })).toBeNull();

    const previews = await tests.listPreviews(problem._id, 1);
    expect(previews[1]).toMatchObject({ input: 'h', output: 'H', inputBytes: 2, outputBytes: 3, truncated: true });

    expect(await tests.deleteAll(problem._id)).toBe(3);
    expect(await tests.list(problem._id)).toEqual([]);
  });
});

describe('seedProblems', () => {
  it('fills an empty bank once, with published problems and their tests', async () => {
    const seeded = await openTestDatabase();
    try {
      expect(await seedProblems(seeded.problems, seeded.tests)).toBe(CLASSIC_PROBLEMS.length);
      expect(await seedProblems(seeded.problems, seeded.tests)).toBe(0);
      const { items, total } = await seeded.problems.search({ visibility: ['published'], skip: 0, limit: 100 });
      expect(total).toBe(CLASSIC_PROBLEMS.length);
      expect(items.map((p) => p.slug).sort()).toEqual(CLASSIC_PROBLEMS.map((p) => p.problem.slug).sort());
      const circle = await seeded.problems.findBySlug('circle-area');
      expect(circle).toMatchObject({ checker: { type: 'float' }, hiddenTestCount: 4 });
      expect(circle?.samples).toHaveLength(2);
      expect(await seeded.tests.count(circle?._id ?? '')).toBe(6);
    } finally {
      await seeded.close();
    }
  });

  it('leaves a bank that has any problem alone', async () => {
    expect(await database.problems.isEmpty()).toBe(false);
    expect(await seedProblems(database.problems, database.tests)).toBe(0);
    expect(await database.problems.findBySlug('a-plus-b')).toBeNull();
  });
});
