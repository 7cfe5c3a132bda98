import { DocKeys, MAX_STDIN_CHUNK_BYTES, type RunEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createTestJudge,
  invite,
  join,
  openTestDatabase,
  roomWithPeople,
  Session,
  startTestServer,
  waitFor,
} from './harness.ts';

let database: Database;
let server: RoomServer;
const judge = createTestJudge();
type Client = ReturnType<typeof connectClient>;
const clients: Client[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge, timeLimitMs: 3_000 });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
  await judge.close();
  await database.close();
});

const GREETER =
  'import sys\nprint("name?", flush=True)\nfor line in sys.stdin:\n    print("hi", line.strip(), flush=True)\n';

const runEvents = (client: Client): RunEvent[] =>
  client.messages.flatMap(({ message }) => (message.type === 'run-event' ? [message.event] : []));
const stdoutOf = (client: Client) =>
  runEvents(client)
    .map((event) => (event.type === 'output' ? event.data : ''))
    .join('');
const inputsOf = (client: Client) => runEvents(client).filter((event) => event.type === 'input');
/** Replaces the room's code (and Input box) as a participant would. */
function write(client: Client, code: string, stdin = ''): void {
  client.doc.transact(() => {
    const text = client.doc.getText(DocKeys.code);
    text.delete(0, text.length);
    text.insert(0, code);
    client.doc.getText(DocKeys.stdin).insert(0, stdin);
  });
}
const refusals = (client: Client) =>
  client.messages.flatMap(({ message }) => (message.type === 'refused' ? [message.message] : []));

describe('live input of a Run', () => {
  it('a line one participant types reaches the program; everyone sees it echoed and the answer; a viewer is refused', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
    const viewer = new Session(server);
    expect(
      (await join(viewer, roomId, await invite(sessions[0] as Session, roomId, true, 'viewer'), 'Vic')).status,
    ).toBe(200);
    const [ann, bob, vic] = [...sessions, viewer].map((session) => connectClient(server, roomId, session)) as [
      Client,
      Client,
      Client,
    ];
    clients.push(ann, bob, vic);
    await Promise.all([ann.synced, bob.synced, vic.synced]);
    write(ann, GREETER);
    await waitFor(() => bob.doc.getText(DocKeys.code).toString() === GREETER, 5_000, 'code sync');

    // Nothing runs yet: typing is refused, to the one who typed only.
    bob.send({ type: 'input', data: 'early\n' });
    await waitFor(() => refusals(bob).length === 1, 5_000, 'refusal before Run');
    expect(refusals(bob)[0]).toMatch(/No program is running/);

    ann.send({ type: 'run' });
    await waitFor(() => stdoutOf(vic).includes('name?'), 20_000, 'prompt');
    const started = ann.messages.find((m) => m.message.type === 'run-started')?.message;
    expect(started).toMatchObject({ run: { live: true } });

    const typedAt = Date.now();
    bob.send({ type: 'input', data: 'bob\n' });
    await waitFor(() => stdoutOf(ann).includes('hi bob\n') && stdoutOf(vic).includes('hi bob\n'), 10_000, 'answer');
    for (const client of [ann, bob, vic]) {
      expect(inputsOf(client)).toEqual([{ type: 'input', data: 'bob\n', by: 'Bob' }]);
    }
    const echoedAt = ann.messages.find((m) => m.message.type === 'run-event' && m.message.event.type === 'input')?.at;
    expect((echoedAt ?? Infinity) - typedAt).toBeLessThan(2_000);

    vic.send({ type: 'input', data: 'vic\n' });
    bob.send({ type: 'input', data: `${'x'.repeat(MAX_STDIN_CHUNK_BYTES)}\n` });
    await waitFor(() => refusals(vic).length === 1 && refusals(bob).length === 2, 5_000, 'refusals');
    expect(refusals(vic)[0]).toMatch(/viewer/);
    expect(refusals(bob)[1]).toMatch(/at most 4 KiB/);

    ann.send({ type: 'input', data: 'ann', eof: true });
    await waitFor(() => runEvents(bob).some((event) => event.type === 'exit'), 10_000, 'exit');
    expect(stdoutOf(bob)).toBe('name?\nhi bob\nhi ann\n');
    expect(runEvents(bob).at(-1)).toMatchObject({ type: 'exit', outcome: 'exited', code: 0 });
    expect(inputsOf(bob).map((event) => event.data)).toEqual(['bob\n', 'ann']);
    expect(refusals(ann)).toEqual([]);

    // Kept with the run, as its output is.
    await waitFor(async () => (await database.runs.findLatest(roomId))?.exit != null, 5_000, 'stored run');
    const stored = await database.runs.findLatest(roomId);
    expect(stored?.events.filter((event) => event.type === 'input')).toEqual([
      { type: 'input', data: 'bob\n', by: 'Bob' },
      { type: 'input', data: 'ann', eof: true, by: 'Ann' },
    ]);
  });

  it('a Run with a filled Input box reads the box to its end and takes no typed input', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Cy']);
    const cy = connectClient(server, roomId, sessions[0] as Session);
    clients.push(cy);
    await cy.synced;
    write(cy, `${GREETER}import time\ntime.sleep(1)\n`, 'box\n');
    cy.send({ type: 'run' });
    await waitFor(() => stdoutOf(cy).includes('hi box'), 20_000, 'answer');
    cy.send({ type: 'input', data: 'typed\n' });
    await waitFor(() => runEvents(cy).some((event) => event.type === 'exit'), 10_000, 'exit');
    expect(refusals(cy)[0]).toMatch(/reads the Input box/);
    expect(stdoutOf(cy)).toBe('name?\nhi box\n');
  });
});
