import type { ProblemInputBody, ProblemList } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './harness.ts';
import { createProblem, type ErrorBody, startProblemBank } from './problemFixtures.ts';

let bank: Awaited<ReturnType<typeof startProblemBank>>;
beforeAll(async () => {
  bank = await startProblemBank();
  const problems: Partial<ProblemInputBody>[] = [
    { slug: 'graph-paths', title: 'Shortest Paths', difficulty: 'hard', tags: ['graphs', 'dijkstra'] },
    { slug: 'graph-colour', title: 'Colouring', difficulty: 'medium', tags: ['graphs'] },
    { slug: 'string-match', title: 'String Matching', difficulty: 'medium', tags: ['strings'] },
    { slug: 'a-plus-b-again', title: 'A+B Again', difficulty: 'easy', tags: ['math'] },
    { slug: 'aab', title: 'AAB', difficulty: 'easy', tags: ['math'] },
    { slug: 'knapsack', title: 'Knapsack', difficulty: 'hard', tags: ['dp'] },
    { slug: 'draft-graph', title: 'Draft Graph', difficulty: 'hard', tags: ['graphs'], visibility: 'draft' },
  ];
  for (const problem of problems) await createProblem(bank.author, { visibility: 'published', ...problem });
});
afterAll(() => bank.close());

async function list(session: Session, query: string): Promise<ProblemList> {
  const res = await session.fetch(`/api/problems?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ProblemList;
}
const slugs = (result: ProblemList) => result.items.map((p) => p.slug);

describe('problem search', () => {
  it('lists published problems to members, by slug, with summaries only', async () => {
    const result = await list(bank.member, '');
    expect(result).toMatchObject({ total: 6, page: 1, pageSize: 20 });
    expect(slugs(result)).toEqual(['a-plus-b-again', 'aab', 'graph-colour', 'graph-paths', 'knapsack', 'string-match']);
    expect(result.items[0]).toEqual({
      slug: 'a-plus-b-again',
      title: 'A+B Again',
      difficulty: 'easy',
      tags: ['math'],
      visibility: 'published',
    });
  });

  it('shows drafts to authors, and filters by visibility for them', async () => {
    expect((await list(bank.author, '')).total).toBe(7);
    expect(slugs(await list(bank.admin, 'visibility=draft'))).toEqual(['draft-graph']);
    expect((await list(bank.author, 'visibility=published')).total).toBe(6);
    expect((await list(bank.member, 'visibility=draft')).total).toBe(6);
  });

  it('matches q case-insensitively in titles, slugs and tags', async () => {
    expect(slugs(await list(bank.member, 'q=PATHS'))).toEqual(['graph-paths']);
    expect(slugs(await list(bank.member, 'q=dijk'))).toEqual(['graph-paths']);
    expect(slugs(await list(bank.member, 'q=graph'))).toEqual(['graph-colour', 'graph-paths']);
    expect(slugs(await list(bank.member, 'q=knap'))).toEqual(['knapsack']);
  });

  it('takes q literally, not as a pattern', async () => {
    expect(slugs(await list(bank.member, `q=${encodeURIComponent('A+B')}`))).toEqual(['a-plus-b-again']);
    expect((await list(bank.member, `q=${encodeURIComponent('.*')}`)).total).toBe(0);
    expect((await list(bank.member, `q=${encodeURIComponent('(')}`)).total).toBe(0);
  });

  it('filters by tag and difficulty, together with q', async () => {
    expect(slugs(await list(bank.member, 'tag=graphs'))).toEqual(['graph-colour', 'graph-paths']);
    expect(slugs(await list(bank.member, 'difficulty=hard'))).toEqual(['graph-paths', 'knapsack']);
    expect(slugs(await list(bank.member, 'tag=graphs&difficulty=hard'))).toEqual(['graph-paths']);
    expect(slugs(await list(bank.member, 'tag=Math&q=again'))).toEqual(['a-plus-b-again']);
  });

  it('paginates with a total', async () => {
    const page1 = await list(bank.member, 'pageSize=4');
    const page2 = await list(bank.member, 'pageSize=4&page=2');
    expect(page1).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(page2).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(slugs(page1)).toHaveLength(4);
    expect([...slugs(page1), ...slugs(page2)]).toEqual(slugs(await list(bank.member, '')));
    expect((await list(bank.member, 'page=9')).items).toEqual([]);
  });

  it('answers a bad query with a 400 naming the parameter', async () => {
    const res = await bank.member.fetch('/api/problems?difficulty=legendary&pageSize=500');
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details?.map((d) => d.path).sort()).toEqual(['difficulty', 'pageSize']);
  });
});
