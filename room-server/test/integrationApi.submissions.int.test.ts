import { type ApiSubmission, apiSubmissionSchema, type SubmitEvent } from '@codestream/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, createToken, readNdjson } from './apiClients.ts';
import { createRoom, type Session, signedIn, waitFor } from './harness.ts';
import { addTests, createProblem, type ErrorBody } from './problemFixtures.ts';
import { received, useRoomServer } from './roomServerFixture.ts';

// Submissions through the integration API: judged against every test of a published
// problem exactly as a room's Submit is (same plan, judge and verdicts), with hidden
// tests' data never in what the caller gets.

const app = useRoomServer();
// The hidden test's word is distinctive, so any leak of its input or output is found.
const HIDDEN_WORD = 'ZQXHIDDENWORD';
const SOLUTION = 'a, b, w = input().split()\nprint(int(a) + int(b), w)\n';
const WRONG_ON_SEVEN = 'a, b, w = input().split()\nprint(int(a) + int(b) + (a == "7"), w)\n';

let api: ApiClient;
let author: Session;

beforeAll(async () => {
  author = await signedIn(app.server, app.database, 'author');
  await createProblem(author, {
    slug: 'add-two',
    title: 'Add two',
    checker: { type: 'tokens' },
    stopAtFirstFailure: false,
    timeLimitMs: 2_000,
  });
  await addTests(author, 'add-two', [
    { kind: 'sample', input: '1 2 ok\n', output: '3 ok\n' },
    { kind: 'hidden', input: '10 20 fine\n', output: '30 fine\n' },
    { kind: 'hidden', input: `7 8 ${HIDDEN_WORD}\n`, output: `15 ${HIDDEN_WORD}\n` },
  ]);
  await createProblem(author, { slug: 'still-draft', title: 'Draft', visibility: 'draft' });
  await addTests(author, 'still-draft', [{ kind: 'sample', input: '1\n', output: '1\n' }]);
  await createProblem(author, { slug: 'no-tests', title: 'No tests' });
  const admin = await signedIn(app.server, app.database, 'admin');
  api = apiClient(app.server, (await createToken(admin)).token);
}, 60_000);

const verdicts = (events: SubmitEvent[]) => events.flatMap((e) => (e.type === 'test' ? [[e.kind, e.verdict]] : []));

describe('POST /api/v1/submissions', () => {
  it('judges an accepted solution, each test streamed as it is judged, `finished` last', async () => {
    const res = await api.post('/api/v1/submissions?wait=stream', {
      problem: 'add-two',
      language: 'python',
      code: SOLUTION,
    });
    expect(res.status).toBe(202);
    const events = (await readNdjson<SubmitEvent>(res)).map(({ event }) => event);
    expect(verdicts(events)).toEqual([
      ['sample', 'accepted'],
      ['hidden', 'accepted'],
      ['hidden', 'accepted'],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finished', verdict: 'accepted', passed: 3, total: 3 });

    const polled = (await (await api.fetch(res.headers.get('location') ?? '')).json()) as ApiSubmission;
    expect(polled).toMatchObject({ kind: 'submission', status: 'finished', problem: 'add-two', total: 3 });
    expect(polled.result).toEqual(events.at(-1));
    expect(polled.finishedAt).not.toBeNull();
  });

  it('gives Wrong answer without any hidden test data, in the stream or the polled result', async () => {
    const accepted = await api.accepted('/api/v1/submissions', {
      problem: 'add-two',
      language: 'python',
      code: WRONG_ON_SEVEN,
    });
    expect(accepted).toMatchObject({ kind: 'submission', status: 'queued' });
    const submission = await api.settled<ApiSubmission>(accepted.links.self);
    expect(apiSubmissionSchema.safeParse(submission).error).toBeUndefined();
    expect(submission.result).toMatchObject({ verdict: 'wrong-answer', passed: 2, total: 3 });
    expect(verdicts(submission.events)).toEqual([
      ['sample', 'accepted'],
      ['hidden', 'accepted'],
      ['hidden', 'wrong-answer'],
    ]);
    const sample = submission.events.find((e) => e.type === 'test' && e.kind === 'sample');
    expect(sample).toMatchObject({ output: '3 ok\n' });
    for (const event of submission.events) {
      if (event.type === 'test' && event.kind === 'hidden') expect(event.output).toBeUndefined();
    }

    const polledText = await (await api.fetch(accepted.links.self)).text();
    const streamedText = await (await api.fetch(accepted.links.stream)).text();
    for (const text of [polledText, streamedText]) {
      expect(text).toContain('wrong-answer');
      for (const secret of [HIDDEN_WORD, '10 20 fine', '30 fine']) expect(text).not.toContain(secret);
    }
  });

  it('gives the verdicts a room’s Submit gives for the same code', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host, 'python', 'add-two');
    const client = app.connect(host, roomId);
    await client.synced;
    const code = client.doc.getText('code');
    // The room starts with the problem's starter code: replaced whole.
    client.doc.transact(() => {
      code.delete(0, code.length);
      code.insert(0, WRONG_ON_SEVEN);
    });
    client.send({ type: 'submit' });
    const inRoom = () =>
      received(client, 'submission-event')
        .map((m) => m.event)
        .filter((e) => e.type !== 'queued');
    await waitFor(() => inRoom().some((e) => e.type === 'finished'), 60_000, 'room submission finished');

    const res = await api.post('/api/v1/submissions?wait=true', {
      problem: 'add-two',
      language: 'python',
      code: WRONG_ON_SEVEN,
    });
    expect(res.status).toBe(201);
    const viaApi = (await res.json()) as ApiSubmission;
    const strip = (e: SubmitEvent) =>
      e.type === 'test'
        ? { id: e.id, kind: e.kind, verdict: e.verdict, output: e.output, message: e.message }
        : e.type === 'finished'
          ? { verdict: e.verdict, passed: e.passed, total: e.total }
          : e;
    expect(viaApi.events.filter((e) => e.type !== 'queued').map(strip)).toEqual(inRoom().map(strip));
  });

  it('answers 404 for an unknown or unpublished problem, 422 for one without tests, 400 for bad input', async () => {
    const post = (body: unknown) => api.post('/api/v1/submissions', body);
    const code = { language: 'python', code: SOLUTION };
    const unknown = await post({ ...code, problem: 'no-such-problem' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.message).toMatch(/no-such-problem/);
    expect((await post({ ...code, problem: 'still-draft' })).status).toBe(404);
    expect((await post({ ...code, problem: 'no-tests' })).status).toBe(422);
    const bad = await post({ ...code, problem: 'Not A Slug!' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details?.map((d) => d.path)).toEqual(['problem']);
    expect((await post({ problem: 'add-two', language: 'brainfuck', code: '+' })).status).toBe(400);
  });
});
