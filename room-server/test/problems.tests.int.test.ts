import type { PublicProblem, TestCase, TestCasePreview } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTests, createProblem, type ErrorBody, postZip, startProblemBank, zipOf } from './problemFixtures.ts';

let bank: Awaited<ReturnType<typeof startProblemBank>>;
beforeAll(async () => {
  bank = await startProblemBank();
});
afterAll(() => bank.close());

async function testsOf(slug: string): Promise<TestCasePreview[]> {
  const res = await bank.author.fetch(`/api/problems/${slug}/tests`);
  expect(res.status).toBe(200);
  return (await res.json()) as TestCasePreview[];
}

describe('test cases', () => {
  it('adds, lists, reads, edits, moves and deletes tests', async () => {
    await createProblem(bank.author, { slug: 'tests-crud' });
    const post = (json: unknown) => bank.author.fetch('/api/problems/tests-crud/tests', { method: 'POST', json });
    const hidden = await post({ kind: 'hidden', input: '1 1\n', output: '2\n' });
    expect(hidden.status).toBe(201);
    const first = (await hidden.json()) as TestCase;
    expect(first).toMatchObject({ kind: 'hidden', input: '1 1\n', output: '2\n', order: 0 });
    await post({ kind: 'sample', input: '2 3\n', output: '5\n' });
    await post({ kind: 'hidden', input: '4 4\n', output: '8\n' });

    const listed = await testsOf('tests-crud');
    expect(listed.map((t) => [t.kind, t.order, t.input])).toEqual([
      ['sample', 0, '2 3\n'],
      ['hidden', 0, '1 1\n'],
      ['hidden', 1, '4 4\n'],
    ]);
    expect(listed[1]).toMatchObject({ inputBytes: 4, outputBytes: 2, truncated: false });

    const one = await bank.author.fetch(`/api/problems/tests-crud/tests/${first.id}`);
    expect(await one.json()).toEqual(first);

    const moved = await bank.author.fetch(`/api/problems/tests-crud/tests/${first.id}`, {
      method: 'PUT',
      json: { kind: 'sample', input: '1 1\n', output: '2 \n' },
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ id: first.id, kind: 'sample', output: '2 \n', order: 1 });

    const problem = (await (await bank.member.fetch('/api/problems/tests-crud')).json()) as PublicProblem;
    expect(problem.samples).toEqual([
      { input: '2 3\n', output: '5\n' },
      { input: '1 1\n', output: '2 \n' },
    ]);
    expect(problem.hiddenTestCount).toBe(1);

    const deleted = await bank.author.fetch(`/api/problems/tests-crud/tests/${first.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await testsOf('tests-crud')).map((t) => t.input)).toEqual(['2 3\n', '4 4\n']);
    expect((await bank.author.fetch(`/api/problems/tests-crud/tests/${first.id}`)).status).toBe(404);
    expect((await bank.author.fetch(`/api/problems/tests-crud/tests/${first.id}`, { method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it('answers bad tests with a 400 naming the field', async () => {
    await createProblem(bank.author, { slug: 'tests-bad' });
    const res = await bank.author.fetch('/api/problems/tests-bad/tests', {
      method: 'POST',
      json: { kind: 'secret', input: 1 },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details?.map((d) => d.path).sort()).toEqual(['input', 'kind', 'output']);
  });

  it('refuses a test over MAX_TEST_BYTES (8 MiB here), naming it', async () => {
    await createProblem(bank.author, { slug: 'tests-big' });
    const big = 'x'.repeat(8 * 1024 * 1024 + 1);
    const single = await bank.author.fetch('/api/problems/tests-big/tests', {
      method: 'POST',
      json: { kind: 'hidden', input: '1', output: big },
    });
    expect(single.status).toBe(400);
    expect(((await single.json()) as ErrorBody).error.details?.[0]?.path).toBe('output');
    const bulk = await bank.author.fetch('/api/problems/tests-big/tests/bulk', {
      method: 'POST',
      json: {
        tests: [
          { kind: 'hidden', input: '1', output: '1' },
          { kind: 'hidden', input: big, output: '1' },
        ],
      },
    });
    expect(bulk.status).toBe(400);
    expect(((await bulk.json()) as ErrorBody).error.details?.[0]?.path).toBe('tests.1.input');
    expect(await testsOf('tests-big')).toEqual([]);
  });

  it('adds tests in bulk from a zip, samples from sample/, the rest hidden, and replaces on request', async () => {
    await createProblem(bank.author, { slug: 'tests-zip' });
    await addTests(bank.author, 'tests-zip', [{ kind: 'hidden', input: 'old', output: 'OLD' }]);
    const zip = zipOf({
      'sample/1.in': 's1',
      'sample/1.ans': 'S1',
      'secret/2.in': 'h2',
      'secret/2.ans': 'H2',
      'secret/10.in': 'h10',
      'secret/10.ans': 'H10',
    });
    const added = await postZip(bank.author, '/api/problems/tests-zip/tests/bulk', zip);
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ added: 3 });
    expect((await testsOf('tests-zip')).map((t) => `${t.kind}:${t.input}`)).toEqual([
      'sample:s1',
      'hidden:old',
      'hidden:h2',
      'hidden:h10',
    ]);

    const replaced = await postZip(bank.author, '/api/problems/tests-zip/tests/bulk?replace=true', zip);
    expect(replaced.status).toBe(201);
    expect((await testsOf('tests-zip')).map((t) => `${t.kind}:${t.input}:${t.order}`)).toEqual([
      'sample:s1:0',
      'hidden:h2:0',
      'hidden:h10:1',
    ]);
  });

  it('adds tests in bulk from JSON, replacing on request', async () => {
    await createProblem(bank.author, { slug: 'tests-json' });
    await addTests(bank.author, 'tests-json', [{ kind: 'hidden', input: 'a', output: 'A' }]);
    const res = await bank.author.fetch('/api/problems/tests-json/tests/bulk', {
      method: 'POST',
      json: { replace: true, tests: [{ kind: 'sample', input: 'b', output: 'B' }] },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ added: 1 });
    expect((await testsOf('tests-json')).map((t) => t.input)).toEqual(['b']);
  });

  it('leaves the tests as they were when a bulk zip is broken', async () => {
    await createProblem(bank.author, { slug: 'tests-broken' });
    await addTests(bank.author, 'tests-broken', [{ kind: 'hidden', input: 'keep', output: 'KEEP' }]);
    const res = await postZip(
      bank.author,
      '/api/problems/tests-broken/tests/bulk?replace=true',
      zipOf({ '1.in': 'x', '2.in': 'y', '2.ans': 'Y' }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toBe('1.in has no matching 1.ans');
    const notZip = await postZip(
      bank.author,
      '/api/problems/tests-broken/tests/bulk',
      new TextEncoder().encode('nope'),
    );
    expect(notZip.status).toBe(400);
    expect((await testsOf('tests-broken')).map((t) => t.input)).toEqual(['keep']);
  });

  it('refuses more than 1000 tests for one problem', async () => {
    await createProblem(bank.author, { slug: 'tests-many' });
    const tests = Array.from({ length: 1001 }, (_, i) => ({ kind: 'hidden', input: `${i}`, output: `${i}` }));
    const res = await bank.author.fetch('/api/problems/tests-many/tests/bulk', { method: 'POST', json: { tests } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/at most 1000 tests/);
    expect(await testsOf('tests-many')).toEqual([]);
  });

  it('keeps test routes to authors and admins', async () => {
    await createProblem(bank.author, { slug: 'tests-guarded' });
    for (const path of ['/api/problems/tests-guarded/tests', '/api/problems/tests-guarded/export']) {
      expect((await bank.member.fetch(path)).status).toBe(403);
      expect((await bank.admin.fetch(path)).status).toBe(200);
    }
    const post = await bank.member.fetch('/api/problems/tests-guarded/tests', {
      method: 'POST',
      json: { kind: 'hidden', input: '1', output: '1' },
    });
    expect(post.status).toBe(403);
    expect((await bank.author.fetch('/api/problems/no-such-problem/tests')).status).toBe(404);
  });
  // Last: on the embedded database, every later query of the collection would read this test.
  it('stores a test of 8 MiB input and 6 MiB output whole, and lists it as a preview', async () => {
    await createProblem(bank.author, { slug: 'tests-huge' });
    const input = 'i'.repeat(8 * 1024 * 1024);
    const output = 'o'.repeat(6 * 1024 * 1024);
    const res = await bank.author.fetch('/api/problems/tests-huge/tests', {
      method: 'POST',
      json: { kind: 'hidden', input, output },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as TestCase;
    const [preview] = await testsOf('tests-huge');
    expect(preview).toMatchObject({ id, inputBytes: input.length, outputBytes: output.length, truncated: true });
    expect(preview?.input).toHaveLength(64 * 1024);
    const whole = (await (await bank.author.fetch(`/api/problems/tests-huge/tests/${id}`)).json()) as TestCase;
    expect(whole.input === input && whole.output === output).toBe(true);
  });
});
