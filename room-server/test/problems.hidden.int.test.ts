import type { TestCase } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, invite, join, Session, waitFor } from './harness.ts';
import { addTests, createProblem, postZip, startProblemBank, zipOf } from './problemFixtures.ts';

const HIDDEN_INPUT = 'HIDDEN-INPUT-q7Zx93';
const HIDDEN_OUTPUT = 'HIDDEN-OUTPUT-k2Vw58';

let bank: Awaited<ReturnType<typeof startProblemBank>>;
let hiddenId: string;
beforeAll(async () => {
  bank = await startProblemBank();
  await createProblem(bank.author, { slug: 'guarded-secrets', title: 'Guarded Secrets', tags: ['secrets'] });
  await addTests(bank.author, 'guarded-secrets', [
    { kind: 'sample', input: 'visible sample in', output: 'visible sample out' },
    { kind: 'hidden', input: HIDDEN_INPUT, output: HIDDEN_OUTPUT },
  ]);
  const tests = (await (await bank.author.fetch('/api/problems/guarded-secrets/tests')).json()) as TestCase[];
  hiddenId = tests.find((t) => t.kind === 'hidden')?.id ?? '';
});
afterAll(() => bank.close());

/** Every problem-bank request a member or host could make about this problem. */
function requests(): [string, RequestInit & { json?: unknown }][] {
  const base = '/api/problems/guarded-secrets';
  const test = { kind: 'hidden', input: 'x', output: 'y' };
  return [
    ['/api/problems', {}],
    [`/api/problems?q=${HIDDEN_INPUT}`, {}],
    ['/api/problems?q=guarded&tag=secrets', {}],
    [base, {}],
    [`${base}/tests`, {}],
    [`${base}/tests/${hiddenId}`, {}],
    [`${base}/export`, {}],
    [`${base}/tests`, { method: 'POST', json: test }],
    [`${base}/tests/${hiddenId}`, { method: 'PUT', json: test }],
    [`${base}/tests/${hiddenId}`, { method: 'DELETE' }],
    [`${base}/tests/bulk`, { method: 'POST', json: { tests: [test] } }],
    [base, { method: 'PUT', json: { slug: 'guarded-secrets', title: 'x', statement: 'x', difficulty: 'easy' } }],
    [base, { method: 'DELETE' }],
    ['/api/render-markdown', { method: 'POST', json: { markdown: HIDDEN_INPUT.toLowerCase() } }],
  ];
}

async function assertNoHiddenData(session: Session) {
  for (const [path, init] of requests()) {
    const res = await session.fetch(path, init);
    const body = await res.text();
    expect(body, `${init.method ?? 'GET'} ${path}`).not.toContain(HIDDEN_INPUT);
    expect(body, `${init.method ?? 'GET'} ${path}`).not.toContain(HIDDEN_OUTPUT);
  }
}

describe('hidden tests', () => {
  it('never reach a member, through any problem endpoint', async () => {
    const problem = await (await bank.member.fetch('/api/problems/guarded-secrets')).json();
    expect(problem).toMatchObject({ samples: [{ input: 'visible sample in' }], hiddenTestCount: 1 });
    await assertNoHiddenData(bank.member);
  });

  it('never reach a host, nor through a room opened on the problem', async () => {
    await assertNoHiddenData(bank.host);
    const room = await bank.host.fetch('/api/rooms', {
      method: 'POST',
      json: { language: 'python', problemSlug: 'guarded-secrets' },
    });
    expect(room.status).toBe(201);
    const text = await room.text();
    expect(text).not.toContain(HIDDEN_INPUT);
    expect(text).not.toContain(HIDDEN_OUTPUT);
  });

  it('never reach a guest or member through a room on the problem: REST, socket, doc and runs', async () => {
    const created = await bank.host.fetch('/api/rooms', {
      method: 'POST',
      json: { language: 'python', problemSlug: 'guarded-secrets' },
    });
    const { id: roomId } = (await created.json()) as { id: string };
    const guest = new Session(bank.server);
    await join(guest, roomId, await invite(bank.host, roomId, true), 'Candidate');
    await join(bank.member, roomId, await invite(bank.host, roomId, false));
    for (const session of [guest, bank.member]) {
      const room = await session.fetch(`/api/rooms/${roomId}`);
      const body = await room.text();
      expect(body).toContain('visible sample in');
      expect(body).not.toContain(HIDDEN_INPUT);
      expect(body).not.toContain(HIDDEN_OUTPUT);
      const client = connectClient(bank.server, roomId, session);
      await client.synced;
      client.send({ type: 'run' });
      // The template reads a line: an empty Input box makes the run live, so end its input.
      client.send({ type: 'input', data: '', eof: true });
      await waitFor(
        () => client.messages.some((m) => m.message.type === 'run-event' && m.message.event.type === 'exit'),
        15_000,
      );
      const seen = JSON.stringify(client.messages) + Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString('latin1');
      expect(seen).not.toContain(HIDDEN_INPUT);
      expect(seen).not.toContain(HIDDEN_OUTPUT);
      client.close();
    }
  });

  it('stay readable by authors, and survived the attempts above', async () => {
    const res = await bank.author.fetch(`/api/problems/guarded-secrets/tests/${hiddenId}`);
    expect(await res.json()).toMatchObject({ input: HIDDEN_INPUT, output: HIDDEN_OUTPUT });
    expect((await postZip(bank.member, '/api/problems/import', zipOf({ 'x.in': 'x' }))).status).toBe(403);
  });
});
