import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DocKeys, type RunEvent, type ServerMessage } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINT_SLEEP_PRINT } from '../../test/support/printSleepPrint.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createTestJudge,
  invite,
  join,
  openTestDatabase,
  roomWithPeople,
  type Session,
  signedIn,
  startTestServer,
  waitFor,
} from './harness.ts';

const exec = promisify(execFile);
let database: Database;
let server: RoomServer;
const judge = createTestJudge();
type Client = ReturnType<typeof connectClient>;
const clients: Client[] = [];
const owners = new Map<string, Session>();

/** Another member joins `roomId` through a fresh invitation from its owner. */
async function newcomer(roomId: string, name: string): Promise<Client> {
  const member = await signedIn(server, database, 'member', name);
  await join(member, roomId, await invite(owners.get(roomId) as Session, roomId));
  const client = connectClient(server, roomId, member);
  clients.push(client);
  return client;
}

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

async function roomWith<const N extends readonly string[]>(
  code: string,
  names: N,
  language = 'python',
  stdin = '',
): Promise<[string, ...{ [K in keyof N]: Client }]> {
  const { roomId, sessions } = await roomWithPeople(server, database, names, language);
  owners.set(roomId, sessions[0] as Session);
  const joined = sessions.map((session) => connectClient(server, roomId, session));
  clients.push(...joined);
  await Promise.all(joined.map((c) => c.synced));
  const first = joined[0] as Client;
  first.doc.transact(() => {
    const text = first.doc.getText(DocKeys.code);
    text.delete(0, text.length);
    text.insert(0, code);
    first.doc.getText(DocKeys.stdin).insert(0, stdin);
  });
  await waitFor(() => joined.every((c) => c.doc.getText(DocKeys.code).toString() === code), 5_000, 'code sync');
  return [roomId, ...(joined as { [K in keyof N]: Client })];
}

const runEvents = (client: Client) =>
  client.messages.flatMap(({ at, message }) => (message.type === 'run-event' ? [{ at, event: message.event }] : []));
const exitOf = (client: Client) =>
  runEvents(client).find((e) => e.event.type === 'exit')?.event as Extract<RunEvent, { type: 'exit' }> | undefined;
const stdoutOf = (client: Client) =>
  runEvents(client)
    .map(({ event }) => (event.type === 'output' && event.stream === 'stdout' ? event.data : ''))
    .join('');
const finished = (client: Client, ms = 15_000) => waitFor(() => exitOf(client) !== undefined, ms, 'run exit');

async function sandboxContainers(): Promise<string> {
  // Only this suite's judge: other suites run containers at the same time.
  const { stdout } = await exec('docker', ['ps', '-aq', '--filter', `label=codestream.judge=${judge.id}`]);
  return stdout.trim();
}

describe('Run', () => {
  it('streams output to every socket as it is produced, in order', async () => {
    const code = 'import time\nprint("first", flush=True)\ntime.sleep(1.5)\nprint("second")\n';
    const [, ann, bob] = await roomWith(code, ['Ann', 'Bob']);
    bob.send({ type: 'run' });
    await Promise.all([finished(ann), finished(bob)]);
    for (const client of [ann, bob]) {
      const started = client.messages.find((m) => m.message.type === 'run-started')?.message as Extract<
        ServerMessage,
        { type: 'run-started' }
      >;
      expect(started.run.startedBy).toBe('Bob');
      expect(stdoutOf(client)).toBe('first\nsecond\n');
      const events = runEvents(client);
      const firstAt = events.find((e) => e.event.type === 'output' && e.event.data.includes('first'))?.at ?? 0;
      const secondAt = events.find((e) => e.event.type === 'output' && e.event.data.includes('second'))?.at ?? 0;
      // "first" reached this participant while the program was still sleeping.
      expect(secondAt - firstAt).toBeGreaterThan(1_000);
      expect(exitOf(client)).toMatchObject({ outcome: 'exited', code: 0 });
    }
  });

  it.each(Object.entries(PRINT_SLEEP_PRINT))(
    'streams %s output as printed: the first line reaches another participant while the program sleeps',
    async (language, code) => {
      const [, ann, bob] = await roomWith(code, ['Ann', 'Bob'], language);
      ann.send({ type: 'run' });
      await finished(bob, 60_000);
      expect(stdoutOf(bob)).toBe('first\nsecond\n');
      const events = runEvents(bob);
      const firstAt = events.find((e) => e.event.type === 'output' && e.event.data.includes('first'))?.at ?? 0;
      const exitAt = events.find((e) => e.event.type === 'exit')?.at ?? 0;
      expect(exitAt - firstAt).toBeGreaterThanOrEqual(500);
      expect(exitOf(bob)).toMatchObject({ outcome: 'exited', code: 0 });
    },
  );

  it('runs JavaScript with the room stdin and stores the run', async () => {
    const code =
      "const s = require('fs').readFileSync(0, 'utf8'); console.log(s.trim().split(' ').map(Number).reduce((a, b) => a + b));\n";
    const [roomId, ann] = await roomWith(code, ['Ann'], 'javascript', '20 22\n');
    ann.send({ type: 'run' });
    await finished(ann);
    expect(stdoutOf(ann)).toBe('42\n');
    await waitFor(async () => (await database.runs.findLatest(roomId))?.exit !== null, 5_000, 'stored run');
    const stored = await database.runs.findLatest(roomId);
    expect(stored).toMatchObject({ startedBy: 'Ann', language: 'javascript', code, stdin: '20 22\n' });
    expect(stored?.exit).toMatchObject({ outcome: 'exited', code: 0 });
    expect(stored?.events.some((e) => e.type === 'output' && e.data === '42\n')).toBe(true);
  });

  it('refuses a second run while one is active, only to the one who asked', async () => {
    const [, ann, bob] = await roomWith('import time\ntime.sleep(2)\n', ['Ann', 'Bob']);
    ann.send({ type: 'run' });
    await waitFor(() => bob.messages.some((m) => m.message.type === 'run-started'), 5_000, 'run started');
    bob.send({ type: 'run' });
    await waitFor(() => bob.messages.some((m) => m.message.type === 'refused'), 5_000, 'refusal');
    const refusal = bob.messages.find((m) => m.message.type === 'refused')?.message;
    expect(refusal).toMatchObject({ message: expect.stringContaining('Ann') });
    await finished(ann);
    expect(ann.messages.some((m) => m.message.type === 'refused')).toBe(false);
    expect(ann.messages.filter((m) => m.message.type === 'run-started')).toHaveLength(1);
  });

  it('Stop kills the active run', async () => {
    const [, ann, bob] = await roomWith('import time\nprint("going", flush=True)\ntime.sleep(60)\n', ['Ann', 'Bob']);
    ann.send({ type: 'run' });
    await waitFor(() => stdoutOf(bob).includes('going'), 10_000, 'output before stop');
    const stoppedAt = Date.now();
    bob.send({ type: 'stop' });
    await finished(ann, 5_000);
    expect(exitOf(ann)?.outcome).toBe('stopped');
    expect(Date.now() - stoppedAt).toBeLessThan(3_000);
    await waitFor(async () => (await sandboxContainers()) === '', 5_000, 'container removed');
  });

  it('a participant joining mid-run gets the output so far, and a later one the last run', async () => {
    const code = 'import time\nprint("early", flush=True)\ntime.sleep(1.5)\nprint("late")\n';
    const [roomId, ann] = await roomWith(code, ['Ann']);
    ann.send({ type: 'run' });
    await waitFor(() => stdoutOf(ann).includes('early'), 10_000, 'early output');
    const mid = await newcomer(roomId, 'Mid');
    await finished(mid);
    const state = mid.messages.find((m) => m.message.type === 'room-state')?.message as Extract<
      ServerMessage,
      { type: 'room-state' }
    >;
    const before = (state.run?.events ?? []).map((e) => (e.type === 'output' ? e.data : '')).join('');
    expect(before).toBe('early\n');
    expect(before + stdoutOf(mid)).toBe('early\nlate\n');

    const later = await newcomer(roomId, 'Later');
    await waitFor(() => later.messages.some((m) => m.message.type === 'room-state'), 5_000, 'room state');
    const last = later.messages.find((m) => m.message.type === 'room-state')?.message as Extract<
      ServerMessage,
      { type: 'room-state' }
    >;
    expect(last.run?.startedBy).toBe('Ann');
    expect(last.run?.events.at(-1)).toMatchObject({ type: 'exit', outcome: 'exited', code: 0 });
  });

  it('a room loaded again shows its last run, also a room made before records pointed at their runs', async () => {
    const [roomId, ann] = await roomWith('print("kept")\n', ['Ann']);
    ann.send({ type: 'run' });
    await finished(ann);
    const runId = ann.messages.flatMap(({ message }) => (message.type === 'run-started' ? [message.run.id] : []))[0];
    expect((await database.rooms.find(roomId))?.latestRunId).toBe(runId);
    const lastRunAfterReload = async () => {
      for (const c of clients.splice(0)) c.close();
      await waitFor(() => !server.registry.isLoaded(roomId), 5_000, 'unload');
      const client = await newcomer(roomId, 'Returning');
      await waitFor(() => client.messages.some((m) => m.message.type === 'room-state'), 5_000, 'room state');
      const state = client.messages.find((m) => m.message.type === 'room-state')?.message as Extract<
        ServerMessage,
        { type: 'room-state' }
      >;
      return state.run;
    };
    expect(await lastRunAfterReload()).toMatchObject({ id: runId, startedBy: 'Ann' });
    await database.db.collection('rooms').updateOne({ _id: roomId as never }, { $unset: { latestRunId: '' } });
    expect(await lastRunAfterReload()).toMatchObject({ id: runId, startedBy: 'Ann' });
  });

  it('kills an infinite loop at the time limit', async () => {
    const [, ann] = await roomWith('while True:\n    pass\n', ['Ann']);
    ann.send({ type: 'run' });
    await finished(ann);
    const exit = exitOf(ann);
    expect(exit?.outcome).toBe('timeout');
    expect(exit?.durationMs).toBeGreaterThanOrEqual(2_900);
    expect(exit?.durationMs).toBeLessThan(6_000);
  });

  it('kills a memory hog', async () => {
    const [, ann] = await roomWith('x = []\nwhile True:\n    x.append(bytearray(10_000_000))\n', ['Ann']);
    ann.send({ type: 'run' });
    await finished(ann);
    expect(exitOf(ann)?.outcome).toBe('memory');
  });

  it('caps an output flood and stops the run', async () => {
    const [, ann, bob] = await roomWith('while True:\n    print("y" * 1000)\n', ['Ann', 'Bob']);
    ann.send({ type: 'run' });
    await Promise.all([finished(ann), finished(bob)]);
    for (const client of [ann, bob]) {
      expect(exitOf(client)?.outcome).toBe('output-limit');
      expect(runEvents(client).some((e) => e.event.type === 'truncated' && e.event.stream === 'stdout')).toBe(true);
      expect(Buffer.byteLength(stdoutOf(client))).toBeLessThanOrEqual(16 * 1024);
    }
  });

  it('cancels the run when everyone leaves the room', async () => {
    const [roomId, ann] = await roomWith('import time\nprint("alone", flush=True)\ntime.sleep(60)\n', ['Ann']);
    ann.send({ type: 'run' });
    await waitFor(() => stdoutOf(ann).includes('alone'), 10_000, 'output');
    ann.close();
    await waitFor(async () => (await database.runs.findLatest(roomId))?.exit?.outcome === 'stopped', 10_000, 'stopped');
    await waitFor(async () => (await sandboxContainers()) === '', 10_000, 'container removed');
  });

  it('leaves no sandbox container behind', async () => {
    await waitFor(async () => (await sandboxContainers()) === '', 5_000, 'containers removed');
  });
});
