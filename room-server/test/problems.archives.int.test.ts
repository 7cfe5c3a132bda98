import type { PublicProblem, TestCasePreview } from '@codestream/shared';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTests, createProblem, type ErrorBody, postZip, startProblemBank, zipOf } from './problemFixtures.ts';

let bank: Awaited<ReturnType<typeof startProblemBank>>;
beforeAll(async () => {
  bank = await startProblemBank();
});
afterAll(() => bank.close());

async function authorView(slug: string) {
  const problem = (await (await bank.author.fetch(`/api/problems/${slug}`)).json()) as PublicProblem;
  const tests = (await (await bank.author.fetch(`/api/problems/${slug}/tests`)).json()) as TestCasePreview[];
  return { problem, tests: tests.map(({ kind, input, output, order }) => ({ kind, input, output, order })) };
}

describe('export and import', () => {
  it('exports one zip that imports back to an equal problem', async () => {
    await createProblem(bank.author, {
      slug: 'round-trip',
      statement: '## Round\n\ntrip',
      difficulty: 'hard',
      tags: ['io', 'strings'],
      timeLimitMs: 1234,
      memoryLimitMb: 64,
      starterCode: { python: 'print()\n', javascript: 'console.log()\n' },
      checker: { type: 'float', absTolerance: 0.001, relTolerance: 0 },
      stopAtFirstFailure: false,
    });
    await addTests(bank.author, 'round-trip', [
      { kind: 'sample', input: 's1\n', output: 'S1\n' },
      { kind: 'hidden', input: 'h1\n', output: 'H1\n' },
      { kind: 'hidden', input: 'h2 ünï\n', output: 'H2\n' },
    ]);

    const exported = await bank.author.fetch('/api/problems/round-trip/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('application/zip');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="round-trip.zip"');
    const zip = new Uint8Array(await exported.arrayBuffer());
    expect(Object.keys(unzipSync(zip)).sort()).toEqual([
      'problem.json',
      'tests/hidden/01.ans',
      'tests/hidden/01.in',
      'tests/hidden/02.ans',
      'tests/hidden/02.in',
      'tests/sample/01.ans',
      'tests/sample/01.in',
    ]);

    const clash = await postZip(bank.author, '/api/problems/import', zip);
    expect(clash.status).toBe(409);
    const imported = await postZip(bank.author, '/api/problems/import?slug=round-trip-copy', zip);
    expect(imported.status).toBe(201);
    expect(await imported.json()).toEqual({ slug: 'round-trip-copy', format: 'codestream', samples: 1, hidden: 2 });

    const original = await authorView('round-trip');
    const copy = await authorView('round-trip-copy');
    expect(copy.problem).toEqual({ ...original.problem, slug: 'round-trip-copy' });
    expect(copy.tests).toEqual(original.tests);
  });

  it('imports an ICPC/Kattis package as a draft, with samples and hidden tests apart', async () => {
    const res = await postZip(
      bank.author,
      '/api/problems/import',
      zipOf({
        'kattis-sum/problem.yaml': 'name: Kattis Sum\nlimits:\n  memory: 128\n',
        'kattis-sum/.timelimit': '3\n',
        'kattis-sum/problem_statement/problem.en.md': 'Add the numbers.',
        'kattis-sum/data/sample/1.in': '1 2\n',
        'kattis-sum/data/sample/1.ans': '3\n',
        'kattis-sum/data/secret/1.in': '40 2\n',
        'kattis-sum/data/secret/1.ans': '42\n',
      }),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ slug: 'kattis-sum', format: 'kattis' });
    const { problem, tests } = await authorView('kattis-sum');
    expect(problem).toMatchObject({
      title: 'Kattis Sum',
      visibility: 'draft',
      timeLimitMs: 3000,
      memoryLimitMb: 128,
      statementHtml: '<p>Add the numbers.</p>\n',
      samples: [{ input: '1 2\n', output: '3\n' }],
      hiddenTestCount: 1,
    });
    expect(tests).toEqual([
      { kind: 'sample', input: '1 2\n', output: '3\n', order: 0 },
      { kind: 'hidden', input: '40 2\n', output: '42\n', order: 0 },
    ]);
    expect((await bank.member.fetch('/api/problems/kattis-sum')).status).toBe(404);
  });

  it('explains what is wrong with a broken archive', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'readme.md': 'hi' }, /neither problem\.json .* nor problem\.yaml/],
      [
        { 'p/problem.yaml': 'name: P\n', 'p/problem_statement/problem.en.md': 'x', 'p/data/secret/1.in': '1' },
        /data\/secret\/1\.in has no matching/,
      ],
      [{ 'p/problem.yaml': 'name: P\nvalidation: custom\n' }, /custom output validator, but the package has none/],
      [{ 'problem.json': '{"slug":"x"}' }, /problem\.json is not a valid problem/],
    ];
    for (const [files, message] of cases) {
      const res = await postZip(bank.author, '/api/problems/import', zipOf(files));
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(message);
    }
    const notZip = await postZip(bank.author, '/api/problems/import', new TextEncoder().encode('just text, no zip'));
    expect(notZip.status).toBe(400);
    const badSlug = await postZip(bank.author, '/api/problems/import?slug=Not%20Ok', zipOf({ 'readme.md': 'x' }));
    expect(((await badSlug.json()) as ErrorBody).error.details?.[0]?.path).toBe('slug');
    const wrongType = await bank.author.fetch('/api/problems/import', { method: 'POST', json: { slug: 'x' } });
    expect(wrongType.status).toBe(415);
  });

  it('answers an archive over MAX_IMPORT_BYTES (64 MiB here) with 413', async () => {
    const res = await postZip(bank.author, '/api/problems/import', new Uint8Array(64 * 1024 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/larger than the limit/);
  });

  it('keeps import and export to authors and admins', async () => {
    expect((await postZip(bank.member, '/api/problems/import', zipOf({ 'a.txt': 'x' }))).status).toBe(403);
    await createProblem(bank.author, { slug: 'export-guarded' });
    expect((await bank.member.fetch('/api/problems/export-guarded/export')).status).toBe(403);
    expect((await bank.admin.fetch('/api/problems/export-guarded/export')).status).toBe(200);
  });
});
