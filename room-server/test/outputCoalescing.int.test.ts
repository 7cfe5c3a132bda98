import { DocKeys, type Judge, type RunEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  startTestServer,
  waitFor,
} from './harness.ts';

// A program doing many tiny writes: the judge yields its output in hundreds of events
// (one per piece Docker hands over). The room merges what comes within a few milliseconds,
// so each browser gets far fewer frames, with the same output in the same order.
const WRITES = 16_000; // under the test server's 16 KiB output limit
const TINY_WRITES = `import sys\nfor _ in range(${WRITES}):\n    sys.stdout.write("x")\n    sys.stdout.flush()\n`;

let database: Database;
let server: RoomServer;
const docker = createTestJudge();
/** Output events the judge yielded: what reached the room before it merged them. */
let judgeOutputEvents = 0;
/** The real judge, counting the output events it yields. */
const judge: Judge = {
  async *run(request, signal) {
    for await (const event of docker.run(request, signal)) {
      if (event.type === 'output') judgeOutputEvents++;
      yield event;
    }
  },
  submit: (request, signal) => docker.submit(request, signal),
  close: () => docker.close(),
};
type Client = ReturnType<typeof connectClient>;
const clients: Client[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge, timeLimitMs: 20_000 });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.close();
  await judge.close();
  await database.close();
});

const runEvents = (client: Client): RunEvent[] =>
  client.messages.flatMap(({ message }) => (message.type === 'run-event' ? [message.event] : []));

describe('a run doing many tiny writes', () => {
  it('reaches every client in far fewer frames than the judge yielded, with identical output', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
    const [ann, bob] = sessions.map((session) => connectClient(server, roomId, session)) as [Client, Client];
    clients.push(ann, bob);
    await Promise.all([ann.synced, bob.synced]);
    const code = ann.doc.getText(DocKeys.code);
    ann.doc.transact(() => {
      code.delete(0, code.length);
      code.insert(0, TINY_WRITES);
    });
    await waitFor(() => bob.doc.getText(DocKeys.code).toString() === TINY_WRITES, 5_000, 'code sync');

    ann.send({ type: 'run' });
    const exited = (client: Client) => runEvents(client).some((event) => event.type === 'exit');
    await waitFor(() => exited(ann) && exited(bob), 60_000, 'run exit');

    for (const client of [ann, bob]) {
      const events = runEvents(client);
      expect(events.at(-1)).toMatchObject({ type: 'exit', outcome: 'exited', code: 0 });
      // Every byte, in order, before the exit.
      const output = events.filter((event) => event.type === 'output');
      expect(output.map((event) => event.data).join('')).toBe('x'.repeat(WRITES));
      expect(output.every((event) => event.stream === 'stdout')).toBe(true);
      // The program's output did come in many pieces, which the room merged.
      expect(judgeOutputEvents).toBeGreaterThan(100);
      expect(output.length * 4).toBeLessThanOrEqual(judgeOutputEvents);
    }
    expect(runEvents(bob)).toEqual(runEvents(ann));
  });
});
