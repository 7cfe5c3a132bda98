import { DocKeys, type RunEvent } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadRoomDoc } from '../src/rooms/loadRoomDoc.ts';
import { useTwoServers } from './clusterFixture.ts';
import { roomWithPeople, type Session, waitFor } from './harness.ts';
import { type TestClient as Client, received } from './roomServerFixture.ts';

// Two room-servers on one Redis: a room's job runs on one server, and every client of
// the room, on either server, sees it as it goes; Run pressed on both gives one job.
// The shared document is not synchronised between servers here: each server's doc gets
// the code from its own clients, or from the database when it loads the room.

const cluster = useTwoServers({ timeLimitMs: 20_000 });

/** A room whose code is `code`, stored; `names[0]` hosts it. */
async function roomWithCode(code: string, names: readonly string[]) {
  const { roomId, sessions } = await roomWithPeople(cluster.a, cluster.database, names);
  const writer = cluster.connect(cluster.a, sessions[0] as Session, roomId);
  await writer.synced;
  replaceCode(writer, code);
  await waitFor(async () => (await storedCode(roomId)) === code, 5_000, 'the code stored');
  return { roomId, sessions: sessions as Session[], writer };
}

/** Replaces the room's code from `client`. */
function replaceCode(client: Client, code: string): void {
  client.doc.transact(() => {
    const text = client.doc.getText(DocKeys.code);
    text.delete(0, text.length);
    text.insert(0, code);
  });
}

/** The code a server loading the room now would find. */
async function storedCode(roomId: string): Promise<string | null> {
  const record = await cluster.database.rooms.find(roomId);
  if (!record) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, (await loadRoomDoc(cluster.database, record)).state);
    return doc.getText(DocKeys.code).toString();
  } finally {
    doc.destroy();
  }
}

const runEvents = (client: Client) => received(client, 'run-event').map((m) => m.event);
const exitOf = (client: Client) =>
  runEvents(client).find((e) => e.type === 'exit') as Extract<RunEvent, { type: 'exit' }> | undefined;
const stdoutOf = (client: Client) =>
  runEvents(client)
    .map((event) => (event.type === 'output' && event.stream === 'stdout' ? event.data : ''))
    .join('');
const finished = (client: Client, ms = 30_000) => waitFor(() => exitOf(client) !== undefined, ms, 'the run’s exit');

describe('jobs across servers', () => {
  it('a Run pressed on A streams its output to a client on B, in order', async () => {
    const code = 'import time\nfor i in range(5):\n    print(i, flush=True)\n    time.sleep(0.2)\n';
    const { roomId, sessions, writer } = await roomWithCode(code, ['Hana', 'Bob']);
    const bobB = cluster.connect(cluster.b, sessions[1] as Session, roomId);
    await bobB.synced;
    writer.send({ type: 'run' });
    await Promise.all([finished(writer), finished(bobB)]);
    expect(stdoutOf(bobB)).toBe('0\n1\n2\n3\n4\n');
    // The same events, in the same order, on both servers.
    expect(runEvents(bobB)).toEqual(runEvents(writer));
    expect(received(bobB, 'run-started').map((m) => m.run.startedBy)).toEqual(['Hana']);
    expect(exitOf(bobB)).toMatchObject({ outcome: 'exited', code: 0 });
  });

  it('Run pressed on A and B at the same moment gives one job; the other is refused', async () => {
    const code = 'import time\ntime.sleep(3)\nprint("done")\n';
    const { roomId, sessions, writer } = await roomWithCode(code, ['Hana', 'Bob']);
    const bobB = cluster.connect(cluster.b, sessions[1] as Session, roomId);
    await bobB.synced;
    expect(bobB.doc.getText(DocKeys.code).toString()).toBe(code);
    writer.send({ type: 'run' });
    bobB.send({ type: 'run' });
    await Promise.all([finished(writer), finished(bobB)]);
    const refusals = [...received(writer, 'refused'), ...received(bobB, 'refused')].map((m) => m.message);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(/^A run started by (Hana|Bob) is still going/);
    for (const client of [writer, bobB]) {
      expect(received(client, 'run-started')).toHaveLength(1);
      expect(stdoutOf(client)).toBe('done\n');
    }
    expect(received(writer, 'run-started')[0]?.run.id).toBe(received(bobB, 'run-started')[0]?.run.id);
    await waitFor(async () => (await cluster.database.runs.findLatest(roomId))?.exit != null, 5_000, 'the run stored');
    expect(await cluster.database.runs.listByRoom(roomId, 10)).toHaveLength(1);
  });

  it('Stop pressed on B stops the job running on A', async () => {
    const { roomId, sessions, writer } = await roomWithCode('import time\ntime.sleep(30)\n', ['Hana', 'Bob']);
    const bobB = cluster.connect(cluster.b, sessions[1] as Session, roomId);
    await bobB.synced;
    writer.send({ type: 'run' });
    await waitFor(() => received(bobB, 'run-started').length > 0, 10_000, 'the run on B');
    bobB.send({ type: 'stop' });
    await Promise.all([finished(writer, 10_000), finished(bobB, 10_000)]);
    expect(exitOf(writer)).toMatchObject({ outcome: 'stopped' });
    expect(exitOf(bobB)).toMatchObject({ outcome: 'stopped' });
    expect(received(bobB, 'refused')).toEqual([]);
  });

  it('a line typed on B reaches the program running on A; both see it echoed and the answer', async () => {
    const code = 'print("name?", flush=True)\nprint("hi", input(), flush=True)\n';
    const { roomId, sessions, writer } = await roomWithCode(code, ['Hana', 'Bob']);
    const bobB = cluster.connect(cluster.b, sessions[1] as Session, roomId);
    await bobB.synced;
    writer.send({ type: 'run' });
    await waitFor(() => stdoutOf(bobB).includes('name?'), 20_000, 'the prompt on B');
    bobB.send({ type: 'input', data: 'bob\n' });
    await Promise.all([finished(writer), finished(bobB)]);
    expect(stdoutOf(writer)).toBe('name?\nhi bob\n');
    expect(runEvents(bobB)).toEqual(runEvents(writer));
    expect(runEvents(writer).filter((event) => event.type === 'input')).toEqual([
      { type: 'input', data: 'bob\n', by: 'Bob' },
    ]);
    expect(received(bobB, 'refused')).toEqual([]);
  });

  it('a room loaded on B while A runs its job shows the job so far, then its result', async () => {
    const code = 'import time\nprint("before", flush=True)\ntime.sleep(2)\nprint("after")\n';
    const { roomId, sessions, writer } = await roomWithCode(code, ['Hana', 'Bob']);
    writer.send({ type: 'run' });
    await waitFor(() => stdoutOf(writer).includes('before'), 15_000, '"before" on A');
    const bobB = cluster.connect(cluster.b, sessions[1] as Session, roomId);
    await finished(bobB);
    expect(stdoutOf(bobB)).toBe('before\nafter\n');
    expect(exitOf(bobB)).toMatchObject({ outcome: 'exited', code: 0 });
    // B did not take the job it found running for one cut off by a restart.
    const state = received(bobB, 'room-state')[0];
    expect(JSON.stringify(state?.run)).not.toContain('restarted');
    await waitFor(async () => (await cluster.database.runs.findLatest(roomId))?.exit != null, 5_000, 'the run stored');
    expect((await cluster.database.runs.findLatest(roomId))?.exit).toMatchObject({ outcome: 'exited', code: 0 });
  });

  it('a job goes on while someone on B watches after everyone on A left, and stops once B is empty too', async () => {
    const code = 'import time\nprint("a", flush=True)\ntime.sleep(3)\nprint("b")\n';
    const { roomId, sessions, writer } = await roomWithCode(code, ['Hana', 'Bob']);
    const bobB = cluster.connect(cluster.b, sessions[1] as Session, roomId);
    await bobB.synced;
    writer.send({ type: 'run' });
    await waitFor(() => stdoutOf(bobB).includes('a'), 15_000, '"a" on B');
    writer.close();
    await finished(bobB);
    expect(exitOf(bobB)).toMatchObject({ outcome: 'exited', code: 0 });
    expect(stdoutOf(bobB)).toBe('a\nb\n');

    // Nobody left anywhere: the next job is cancelled (and stored as stopped).
    const hana = cluster.connect(cluster.a, sessions[0] as Session, roomId);
    await hana.synced;
    replaceCode(hana, 'import time\nprint("long", flush=True)\ntime.sleep(30)\n');
    hana.send({ type: 'run' });
    await waitFor(() => stdoutOf(hana).includes('long'), 15_000, '"long" on A');
    const runId = received(hana, 'run-started')[0]?.run.id;
    hana.close();
    bobB.close();
    await waitFor(
      async () => {
        const run = await cluster.database.runs.findLatest(roomId);
        return run?._id === runId && run?.exit != null;
      },
      15_000,
      'the second run stored',
    );
    expect((await cluster.database.runs.findLatest(roomId))?.exit).toMatchObject({ outcome: 'stopped' });
  });
});
