import type { PublicProblem } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from './harness.ts';
import { createProblem, type ErrorBody, problemBody, startProblemBank } from './problemFixtures.ts';

let bank: Awaited<ReturnType<typeof startProblemBank>>;
beforeAll(async () => {
  bank = await startProblemBank();
});
afterAll(() => bank.close());

describe('problem CRUD', () => {
  it('creates, reads, renames, updates and deletes a problem', async () => {
    const created = await bank.author.fetch('/api/problems', {
      method: 'POST',
      json: problemBody({ slug: 'crud-one', statement: 'Hello <script>x</script> *there*' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/problems/crud-one');
    const problem = (await created.json()) as PublicProblem;
    expect(problem).toMatchObject({
      slug: 'crud-one',
      timeLimitMs: 2000,
      memoryLimitMb: 256,
      checker: { type: 'tokens' },
      stopAtFirstFailure: true,
      samples: [],
      hiddenTestCount: 0,
    });
    expect(problem.statementHtml).toBe('<p>Hello &lt;script&gt;x&lt;/script&gt; <em>there</em></p>\n');
    expect(Object.keys(problem)).not.toContain('_id');
    expect(Object.keys(problem)).not.toContain('createdBy');

    const read = await bank.member.fetch('/api/problems/crud-one');
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(problem);

    const renamed = await bank.author.fetch('/api/problems/crud-one', {
      method: 'PUT',
      json: problemBody({ slug: 'crud-renamed', title: 'Renamed', difficulty: 'hard', timeLimitMs: 500 }),
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({
      slug: 'crud-renamed',
      title: 'Renamed',
      difficulty: 'hard',
      timeLimitMs: 500,
    });
    expect((await bank.member.fetch('/api/problems/crud-one')).status).toBe(404);
    expect((await bank.member.fetch('/api/problems/crud-renamed')).status).toBe(200);

    const deleted = await bank.admin.fetch('/api/problems/crud-renamed', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await bank.author.fetch('/api/problems/crud-renamed')).status).toBe(404);
  });

  it('answers bad problems with a 400 naming each bad field', async () => {
    const res = await bank.author.fetch('/api/problems', {
      method: 'POST',
      json: { ...problemBody(), slug: 'Bad Slug', difficulty: 'insane', timeLimitMs: 50, checker: { type: 'float' } },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.message).toBe('Invalid problem');
    expect(body.error.details?.map((d) => d.path).sort()).toEqual(
      ['checker.absTolerance', 'checker.relTolerance', 'difficulty', 'slug', 'timeLimitMs'].sort(),
    );
  });

  it('refuses malformed JSON, non-JSON bodies and bodies over the limit', async () => {
    const malformed = await bank.author.fetch('/api/problems', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"slug":',
    });
    expect(malformed.status).toBe(400);
    const text = await bank.author.fetch('/api/problems', { method: 'POST', body: 'slug=x' });
    expect(text.status).toBe(415);
    const huge = await bank.author.fetch('/api/problems', {
      method: 'POST',
      json: problemBody({ statement: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
  });

  it('accepts problem bodies larger than the app-wide 16 kB JSON limit', async () => {
    const res = await bank.author.fetch('/api/problems', {
      method: 'POST',
      json: problemBody({ slug: 'long-statement', statement: 'word '.repeat(15_000) }),
    });
    expect(res.status).toBe(201);
  });

  it('answers a duplicate slug, on create and on rename, with 409', async () => {
    await createProblem(bank.author, { slug: 'dup-a' });
    await createProblem(bank.author, { slug: 'dup-b' });
    const again = await bank.author.fetch('/api/problems', { method: 'POST', json: problemBody({ slug: 'dup-a' }) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.message).toMatch(/dup-a/);
    const rename = await bank.author.fetch('/api/problems/dup-b', {
      method: 'PUT',
      json: problemBody({ slug: 'dup-a' }),
    });
    expect(rename.status).toBe(409);
  });

  it('lets only authors and admins write, and only signed-in people read', async () => {
    await createProblem(bank.author, { slug: 'guarded' });
    const anonymous = new Session(bank.server);
    expect((await anonymous.fetch('/api/problems')).status).toBe(401);
    expect((await anonymous.fetch('/api/problems/guarded')).status).toBe(401);
    for (const session of [bank.member, bank.host]) {
      const create = await session.fetch('/api/problems', { method: 'POST', json: problemBody({ slug: 'nope' }) });
      expect(create.status).toBe(403);
      const update = await session.fetch('/api/problems/guarded', {
        method: 'PUT',
        json: problemBody({ slug: 'guarded' }),
      });
      expect(update.status).toBe(403);
      expect((await session.fetch('/api/problems/guarded', { method: 'DELETE' })).status).toBe(403);
      expect((await session.fetch('/api/render-markdown', { method: 'POST', json: { markdown: 'x' } })).status).toBe(
        403,
      );
    }
    expect(
      (await bank.admin.fetch('/api/problems', { method: 'POST', json: problemBody({ slug: 'by-admin' }) })).status,
    ).toBe(201);
  });

  it('keeps drafts from people who are not authors', async () => {
    await createProblem(bank.author, { slug: 'secret-draft', title: 'Secret Draft', visibility: 'draft' });
    expect((await bank.author.fetch('/api/problems/secret-draft')).status).toBe(200);
    expect((await bank.member.fetch('/api/problems/secret-draft')).status).toBe(404);
    expect((await bank.host.fetch('/api/problems/secret-draft')).status).toBe(404);
    const list = await (await bank.member.fetch('/api/problems?visibility=draft&pageSize=100')).text();
    expect(list).not.toContain('secret-draft');
    const authorList = await (await bank.author.fetch('/api/problems?visibility=draft&pageSize=100')).json();
    expect(authorList).toMatchObject({ items: [{ slug: 'secret-draft', visibility: 'draft' }] });
  });

  it('renders Markdown previews with the statement renderer', async () => {
    const res = await bank.author.fetch('/api/render-markdown', {
      method: 'POST',
      json: { markdown: '**hi** [x](javascript:alert(1))' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ html: '<p><strong>hi</strong> [x](javascript:alert(1))</p>\n' });
  });
});
