import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DocKeys, type ServerMessage } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import { type Database, openDatabase } from '../src/database.ts';
import { EmbeddedMongo } from '../src/db/EmbeddedMongo.ts';
import { connectClient, createTestJudge, roomWithPeople, type Session, startTestServer, waitFor } from './harness.ts';

// This suite stops its database: it starts its own, never the one other suites share.
let dataDir: string;
let mongo: EmbeddedMongo;
let database: Database;
let server: RoomServer;
const judge = createTestJudge();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'codestream-db-stall-'));
  mongo = await EmbeddedMongo.start({ binary: '.cache/bin/ferretdb', dataDir });
  database = await openDatabase({ uri: mongo.uri, dbName: 'stall' });
  server = await startTestServer({ database, judge });
});
afterAll(async () => {
  resume();
  await server.close();
  await judge.close();
  await database.close();
  await mongo.close();
  await rm(dataDir, { recursive: true, force: true });
});

let stopped = false;
/** The database process stops answering (SIGSTOP): connections stay open, nothing replies. */
function stall(): void {
  process.kill(mongo.pid as number, 'SIGSTOP');
  stopped = true;
}
function resume(): void {
  if (stopped) process.kill(mongo.pid as number, 'SIGCONT');
  stopped = false;
}

type Client = ReturnType<typeof connectClient>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const storage = (client: Client) =>
  client.messages.flatMap(({ message }) => (message.type === 'storage' ? [message] : [])) as Extract<
    ServerMessage,
    { type: 'storage' }
  >[];

async function twoEditors() {
  const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
  const [annSession, bobSession] = sessions as [Session, Session];
  const ann = connectClient(server, roomId, annSession);
  const bob = connectClient(server, roomId, bobSession);
  await Promise.all([ann.synced, bob.synced]);
  return { roomId, ann, bob, annSession };
}

/** Ann and Bob type in turns, each edit seen by the other (so the server accepted it). */
async function typeInTurns(ann: Client, bob: Client, prefix: string, count: number): Promise<string[]> {
  const marks: string[] = [];
  for (let i = 0; i < count; i++) {
    const [from, to] = i % 2 === 0 ? [ann, bob] : [bob, ann];
    const mark = `${prefix}${i};`;
    from.doc.getText(DocKeys.code).insert(0, mark);
    marks.push(mark);
    await waitFor(() => to.doc.getText(DocKeys.code).toString().includes(mark), 5_000, `edit ${mark}`);
    await sleep(50);
  }
  return marks;
}

const storedEverything = () =>
  waitFor(() => server.registry.waitingRooms().length === 0, 10_000, 'every earlier update stored');

/** A new participant's view of the room, loaded from the database (the room is not in memory). */
async function freshView(roomId: string, session: Session): Promise<string> {
  expect(server.registry.loadedCount).toBe(0);
  const fresh = connectClient(server, roomId, session);
  await fresh.synced;
  const code = fresh.doc.getText(DocKeys.code).toString();
  fresh.close();
  return code;
}

describe('the database stalls while people edit', () => {
  it('tells everyone their edits wait, then that they are stored, and keeps every edit', async () => {
    const { roomId, ann, bob, annSession } = await twoEditors();
    await typeInTurns(ann, bob, 'before', 2);
    // On a busy machine the last edit before the stall may still be on its way to the
    // database; it would then be the oldest unstored update and date the wait.
    await storedEverything();
    stall();
    const stalledAt = Date.now();
    let marks: string[];
    try {
      marks = await typeInTurns(ann, bob, 'stalled', 10);
      for (const client of [ann, bob]) {
        await waitFor(() => storage(client).length > 0, 5_000, 'storage waiting');
        expect(storage(client)[0]).toMatchObject({ state: 'waiting' });
      }
      const since = storage(ann)[0]?.since as number;
      expect(since).toBeGreaterThanOrEqual(stalledAt - 50);
      expect(server.registry.waitingRooms()).toEqual([
        expect.objectContaining({ roomId, unstoredUpdates: expect.any(Number) }),
      ]);
      await sleep(2_000);
    } finally {
      resume();
    }
    for (const client of [ann, bob]) {
      await waitFor(() => storage(client).length > 1, 10_000, 'storage stored');
      expect(storage(client).map((m) => m.state)).toEqual(['waiting', 'stored']);
    }
    const code = ann.doc.getText(DocKeys.code).toString();
    ann.close();
    bob.close();
    await waitFor(() => server.registry.loadedCount === 0, 5_000, 'room unloaded');
    const seen = await freshView(roomId, annSession);
    expect(seen).toBe(code);
    for (const mark of marks) expect(seen).toContain(mark);
  });

  it('keeps a room everyone left in memory until its edits are stored', async () => {
    const { roomId, ann, bob, annSession } = await twoEditors();
    await storedEverything();
    stall();
    let marks: string[];
    try {
      marks = await typeInTurns(ann, bob, 'left', 6);
      ann.close();
      bob.close();
      await sleep(3_000);
      // Everyone left, the edits are unstored: the room stays.
      expect(server.registry.isLoaded(roomId)).toBe(true);
      expect(server.registry.waitingRooms()).toEqual([
        expect.objectContaining({ roomId, unstoredUpdates: 6, oldestAgeMs: expect.any(Number) }),
      ]);
      expect(server.registry.waitingRooms()[0]?.oldestAgeMs).toBeGreaterThan(3_000);
    } finally {
      resume();
    }
    await waitFor(() => server.registry.loadedCount === 0, 10_000, 'room unloaded after the database came back');
    expect(server.registry.waitingRooms()).toEqual([]);
    const seen = await freshView(roomId, annSession);
    for (const mark of marks) expect(seen).toContain(mark);
  });
});
