import type { PublicProblem, SubmitEvent } from '@codestream/shared';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, invite, join, Session, waitFor } from './harness.ts';
import { addTests, createProblem, type ErrorBody, problemBody, startProblemBank } from './problemFixtures.ts';

// The checker's code holds this string, as a real one might hold answers: it must never
// reach anyone who does not author problems.
const CHECKER_MARK = 'CHECKER-ONLY-r4Tq81';

/** Accepts any output whose first integer is the expected one, give or take 1. */
const NEAR_CHECKER = [
  'import sys',
  `# ${CHECKER_MARK}`,
  'inp, exp, out = (open(path).read() for path in sys.argv[1:4])',
  'try:',
  '    ok = abs(int(out.split()[0]) - int(exp.split()[0])) <= 1',
  'except (ValueError, IndexError):',
  '    ok = False',
  'print("close enough" if ok else "too far")',
  'sys.exit(0 if ok else 1)',
  '',
].join('\n');
const CHECKER = { type: 'custom', language: 'python', code: NEAR_CHECKER } as const;
const SOLVER_CHECKER = { type: 'custom', language: 'python' };

const SLUG = 'roughly-double';
const OFF_BY = (n: number) => `print(2 * int(input()) + ${n})\n`;

type Client = ReturnType<typeof connectClient>;

let bank: Awaited<ReturnType<typeof startProblemBank>>;
let roomId = '';
let guest: Session;
let owner: Client;
let solver: Client;

beforeAll(async () => {
  bank = await startProblemBank();
  const created = await createProblem(bank.author, {
    slug: SLUG,
    title: 'Roughly double',
    checker: CHECKER,
    stopAtFirstFailure: false,
  });
  expect(created.checker).toEqual(CHECKER);
  await addTests(bank.author, SLUG, [
    { kind: 'sample', input: '3\n', output: '6\n' },
    { kind: 'hidden', input: '50\n', output: '100\n' },
  ]);
  const room = await bank.host.fetch('/api/rooms', { method: 'POST', json: { language: 'python', problemSlug: SLUG } });
  expect(await room.clone().text()).not.toContain(CHECKER_MARK);
  roomId = ((await room.json()) as { id: string }).id;
  await join(bank.member, roomId, await invite(bank.host, roomId));
  guest = new Session(bank.server);
  expect((await join(guest, roomId, await invite(bank.host, roomId, true), 'Candidate')).status).toBe(200);
  owner = connectClient(bank.server, roomId, bank.host);
  solver = connectClient(bank.server, roomId, bank.member);
  await Promise.all([owner.synced, solver.synced]);
}, 60_000);
afterAll(async () => {
  owner?.close();
  solver?.close();
  await bank?.close();
});

async function bodyOf(session: Session, path: string): Promise<{ status: number; text: string }> {
  const res = await session.fetch(path);
  return { status: res.status, text: await res.text() };
}

async function submit(code: string) {
  const text = solver.doc.getText('code');
  solver.doc.transact(() => {
    text.delete(0, text.length);
    text.insert(0, code);
  });
  await waitFor(() => owner.doc.getText('code').toString() === code, 5_000, 'code at owner');
  const from = owner.messages.length;
  solver.send({ type: 'submit' });
  const events = () =>
    owner.messages
      .slice(from)
      .flatMap((m) => (m.message.type === 'submission-event' ? [m.message.event] : ([] as SubmitEvent[])));
  await waitFor(() => events().some((e) => e.type === 'finished'), 60_000, 'submission finished');
  return events();
}

describe('a custom checker', () => {
  it('is shown to members and hosts without its code', async () => {
    for (const session of [bank.member, bank.host]) {
      const { status, text } = await bodyOf(session, `/api/problems/${SLUG}`);
      expect(status).toBe(200);
      expect(text).not.toContain(CHECKER_MARK);
      expect((JSON.parse(text) as PublicProblem).checker).toEqual(SOLVER_CHECKER);
    }
  });

  it('is shown to everyone in a room on the problem without its code, guests included', async () => {
    for (const session of [guest, bank.member, bank.host]) {
      const { status, text } = await bodyOf(session, `/api/rooms/${roomId}`);
      expect(status).toBe(200);
      expect(text).not.toContain(CHECKER_MARK);
      expect((JSON.parse(text) as { problem: PublicProblem }).problem.checker).toEqual(SOLVER_CHECKER);
    }
  });

  it('keeps its code for authors and admins: the editor’s GET → PUT round trip, and the export', async () => {
    for (const session of [bank.author, bank.admin]) {
      const { text } = await bodyOf(session, `/api/problems/${SLUG}`);
      expect((JSON.parse(text) as PublicProblem).checker).toEqual(CHECKER);
    }
    const fetched = JSON.parse((await bodyOf(bank.author, `/api/problems/${SLUG}`)).text) as PublicProblem;
    const saved = await bank.author.fetch(`/api/problems/${SLUG}`, {
      method: 'PUT',
      json: { ...fetched, title: 'Roughly double!' },
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as PublicProblem).checker).toEqual(CHECKER);

    const exported = await bank.author.fetch(`/api/problems/${SLUG}/export`);
    expect(exported.status).toBe(200);
    const files = unzipSync(new Uint8Array(await exported.arrayBuffer()));
    const problemJson = JSON.parse(new TextDecoder().decode(files['problem.json'])) as { checker: unknown };
    expect(problemJson.checker).toEqual(CHECKER);
  });

  it('is refused without its code, so a solver’s view cannot be saved over it', async () => {
    const res = await bank.author.fetch('/api/problems', {
      method: 'POST',
      json: { ...problemBody({ slug: 'no-checker-code' }), checker: SOLVER_CHECKER },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.details?.map((d) => d.path)).toEqual(['checker.code']);
  });

  it('judges submissions: within 1 of the answer is accepted, 5 off is a wrong answer', async () => {
    const near = await submit(OFF_BY(1));
    const nearTests = near.flatMap((e) => (e.type === 'test' ? [e] : []));
    expect(nearTests.map((t) => [t.kind, t.verdict])).toEqual([
      ['sample', 'accepted'],
      ['hidden', 'accepted'],
    ]);
    // The checker's message is shown for the sample test only.
    expect(nearTests[0]?.message).toBe('close enough');
    expect(nearTests[1]?.message).toBeUndefined();
    expect(near.find((e) => e.type === 'finished')).toMatchObject({ verdict: 'accepted', passed: 2, total: 2 });

    const far = await submit(OFF_BY(5));
    expect(far.flatMap((e) => (e.type === 'test' ? [e.verdict] : []))).toEqual(['wrong-answer', 'wrong-answer']);
    expect(far.find((e) => e.type === 'finished')).toMatchObject({ verdict: 'wrong-answer', passed: 0, total: 2 });

    const seen = JSON.stringify([...owner.messages, ...solver.messages]);
    expect(seen).not.toContain(CHECKER_MARK);
  });
});
