import type { ServerMessage, SubmitEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, createRoom, invite, join, waitFor } from './harness.ts';
import { addTests, createProblem, startProblemBank } from './problemFixtures.ts';

// The problem: print the sum of two numbers, then the word that follows them. The
// hidden test's word is distinctive, so any leak of its input or output is found.
const HIDDEN_WORD = 'ZQXHIDDENWORD';
const SOLUTION = 'a, b, w = input().split()\nprint(int(a) + int(b), w)\n';
const WRONG_ON_SEVEN = 'a, b, w = input().split()\nprint(int(a) + int(b) + (a == "7"), w)\n';
type Client = ReturnType<typeof connectClient>;

let bank: Awaited<ReturnType<typeof startProblemBank>>;
let roomId = '';
let owner: Client;
let solver: Client;

beforeAll(async () => {
  bank = await startProblemBank();
  await createProblem(bank.author, {
    slug: 'add-two',
    title: 'Add two',
    checker: { type: 'tokens' },
    stopAtFirstFailure: false,
    timeLimitMs: 2_000,
  });
  await addTests(bank.author, 'add-two', [
    { kind: 'sample', input: '1 2 ok\n', output: '3 ok\n' },
    { kind: 'hidden', input: '10 20 fine\n', output: '30 fine\n' },
    { kind: 'hidden', input: `7 8 ${HIDDEN_WORD}\n`, output: `15 ${HIDDEN_WORD}\n` },
  ]);
  const created = await bank.host.fetch('/api/rooms', {
    method: 'POST',
    json: { language: 'python', problemSlug: 'add-two' },
  });
  roomId = ((await created.json()) as { id: string }).id;
  await join(bank.member, roomId, await invite(bank.host, roomId));
  owner = connectClient(bank.server, roomId, bank.host);
  solver = connectClient(bank.server, roomId, bank.member);
  await Promise.all([owner.synced, solver.synced]);
}, 60_000);
afterAll(async () => {
  owner?.close();
  solver?.close();
  await bank?.close();
});

function setCode(code: string) {
  const text = solver.doc.getText('code');
  solver.doc.transact(() => {
    text.delete(0, text.length);
    text.insert(0, code);
  });
}

async function submit(code: string) {
  setCode(code);
  await waitFor(() => owner.doc.getText('code').toString() === code, 5_000, 'code at owner');
  const seen = [owner.messages.length, solver.messages.length] as const;
  solver.send({ type: 'submit' });
  const finished = (client: Client, from: number) =>
    client.messages
      .slice(from)
      .some((m) => m.message.type === 'submission-event' && m.message.event.type === 'finished');
  await waitFor(() => finished(owner, seen[0]) && finished(solver, seen[1]), 60_000, 'submission finished');
  const events = (client: Client, from: number) =>
    client.messages
      .slice(from)
      .flatMap((m) => (m.message.type === 'submission-event' ? [{ at: m.at, event: m.message.event }] : []));
  return { owner: events(owner, seen[0]), solver: events(solver, seen[1]) };
}

const tests = (events: { event: SubmitEvent }[]) =>
  events.flatMap(({ event }) => (event.type === 'test' ? [event] : []));
const finishedOf = (events: { event: SubmitEvent }[]) =>
  events.map(({ event }) => event).find((e) => e.type === 'finished');

describe('Submit', () => {
  it('judges every test, streams each verdict to the whole room, and stores the submission', async () => {
    const { owner: seenByOwner, solver: seenBySolver } = await submit(WRONG_ON_SEVEN);
    for (const events of [seenByOwner, seenBySolver]) {
      expect(tests(events).map((t) => [t.kind, t.verdict])).toEqual([
        ['sample', 'accepted'],
        ['hidden', 'accepted'],
        ['hidden', 'wrong-answer'],
      ]);
      expect(finishedOf(events)).toMatchObject({ verdict: 'wrong-answer', passed: 2, total: 3 });
      for (const t of tests(events)) {
        expect(t.cpuMs).toBeGreaterThanOrEqual(0);
        expect(t.memoryKb).toBeGreaterThan(0);
      }
    }
    expect(JSON.stringify(seenByOwner)).not.toContain(HIDDEN_WORD);
    expect(
      tests(seenByOwner)
        .filter((t) => t.kind === 'hidden')
        .every((t) => t.output === undefined),
    ).toBe(true);

    type Listed = { items: { id: string; verdict: string | null; submittedBy: string }[] };
    let items: Listed['items'] = [];
    // The result is stored just after the last verdict is broadcast.
    await waitFor(
      async () => {
        items = ((await (await bank.member.fetch(`/api/rooms/${roomId}/submissions`)).json()) as Listed).items;
        return items[0]?.verdict != null;
      },
      5_000,
      'stored verdict',
    );
    expect(items[0]).toMatchObject({ verdict: 'wrong-answer', submittedBy: bank.member.account.name, stopped: false });
    const one = await bank.member.fetch(`/api/submissions/${items[0]?.id}`);
    const body = await one.text();
    expect((JSON.parse(body) as { code: string }).code).toBe(WRONG_ON_SEVEN);
    expect(body).not.toContain(HIDDEN_WORD);
  });

  it('accepts a correct solution, and a late joiner sees the last submission', async () => {
    const { solver: events } = await submit(SOLUTION);
    expect(finishedOf(events)).toMatchObject({ verdict: 'accepted', passed: 3, total: 3 });
    expect(JSON.stringify(events)).not.toContain(HIDDEN_WORD);

    const late = connectClient(bank.server, roomId, bank.host);
    await late.synced;
    await waitFor(() => late.messages.some((m) => m.message.type === 'room-state'), 5_000, 'room state');
    const state = late.messages.find((m) => m.message.type === 'room-state')?.message as Extract<
      ServerMessage,
      { type: 'room-state' }
    >;
    expect(state.submission?.events.at(-1)).toMatchObject({ type: 'finished', verdict: 'accepted', passed: 3 });
    late.close();
  });

  it('lists a person\u2019s submissions to them and to authors, not to other members', async () => {
    const mine = (await (await bank.member.fetch('/api/users/me/submissions')).json()) as { items: unknown[] };
    expect(mine.items.length).toBeGreaterThanOrEqual(2);
    const forAuthor = (await (await bank.author.fetch('/api/problems/add-two/submissions')).json()) as {
      items: unknown[];
    };
    expect(forAuthor.items.length).toBe(mine.items.length);
    const forHost = (await (await bank.host.fetch('/api/problems/add-two/submissions')).json()) as { items: unknown[] };
    expect(forHost.items).toEqual([]);
    expect((await bank.host.fetch(`/api/users/${bank.member.account.id}/submissions`)).status).toBe(403);
  });

  it('refuses Submit in a room without a problem, and while a run is going', async () => {
    const plain = await createRoom(bank.host);
    const client = connectClient(bank.server, plain, bank.host);
    await client.synced;
    client.send({ type: 'submit' });
    await waitFor(() => client.messages.some((m) => m.message.type === 'refused'), 5_000, 'refusal');
    expect(client.messages.find((m) => m.message.type === 'refused')?.message).toMatchObject({
      message: expect.stringContaining('not on a problem'),
    });
    client.close();

    setCode('import time\ntime.sleep(3)\n');
    await waitFor(() => owner.doc.getText('code').toString().includes('sleep'), 5_000);
    const before = solver.messages.length;
    owner.send({ type: 'run' });
    await waitFor(() => solver.messages.slice(before).some((m) => m.message.type === 'run-started'), 10_000);
    solver.send({ type: 'submit' });
    await waitFor(() => solver.messages.slice(before).some((m) => m.message.type === 'refused'), 5_000, 'refused');
    owner.send({ type: 'stop' });
    await waitFor(
      () =>
        solver.messages.slice(before).some((m) => m.message.type === 'run-event' && m.message.event.type === 'exit'),
      10_000,
    );
  });

  it('Stop cancels a submission', async () => {
    setCode('import time\ntime.sleep(30)\n');
    await waitFor(() => owner.doc.getText('code').toString().includes('sleep(30)'), 5_000);
    const before = owner.messages.length;
    solver.send({ type: 'submit' });
    await waitFor(
      () => owner.messages.slice(before).some((m) => m.message.type === 'submission-started'),
      10_000,
      `submission started (solver saw ${JSON.stringify(solver.messages.slice(-3))})`,
    );
    const stoppedAt = Date.now();
    owner.send({ type: 'stop' });
    await waitFor(
      () =>
        owner.messages
          .slice(before)
          .some((m) => m.message.type === 'submission-event' && m.message.event.type === 'finished'),
      10_000,
      'finished after stop',
    );
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    const finished = owner.messages
      .slice(before)
      .flatMap((m) => (m.message.type === 'submission-event' ? [m.message.event] : []))
      .find((e) => e.type === 'finished');
    expect(finished).toMatchObject({
      verdict: 'internal-error',
      stopped: true,
      message: 'The submission was stopped.',
    });

    type Listed = { items: { verdict: string | null; stopped: boolean }[] };
    let items: Listed['items'] = [];
    await waitFor(
      async () => {
        items = ((await (await bank.member.fetch(`/api/rooms/${roomId}/submissions`)).json()) as Listed).items;
        return items[0]?.verdict != null;
      },
      5_000,
      'stored verdict',
    );
    expect(items[0]).toMatchObject({ verdict: 'internal-error', stopped: true });
  });
});
