import { randomBytes } from 'node:crypto';
import { DocKeys } from '@codestream/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import { clusterKeys } from '../src/cluster/clusterKeys.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { NOTES_TEXT, notesLogKey } from '../src/rooms/NotesDoc.ts';
import { storedCode, storedNotes } from './clusterFixture.ts';
import {
  connectClient,
  createRoom,
  createTestJudge,
  invite,
  join,
  openTestDatabase,
  roomWithPeople,
  signedIn,
  startTestServer,
  TEST_SESSION_KEY,
  waitFor,
} from './harness.ts';
import { kill, ServerProcesses } from './serverProcesses.ts';

// The room's storing server dies (SIGKILL, in its own process) with edits it accepted
// and had not stored: the other server takes the lease over once it runs out, stores
// what the log lacks, and its people's cursors disappear from the other server's room.
// A room's private notes are taken over the same way.

const LEASE_MS = 1_500;
const HEARTBEAT_MS = 1_500;
const judge = createTestJudge();
const processes = new ServerProcesses();
const dbName = `t_${randomBytes(6).toString('hex')}`;
let redis: TestRedis;
let redisClient: Redis;
let database: Database;
let a: RoomServer;

beforeAll(async () => {
  redis = await startRedis();
  redisClient = new Redis(redis.url);
  database = await openTestDatabase(dbName);
  a = await startTestServer({
    database,
    judge,
    cluster: { redisUrl: redis.url, serverId: 'a', leaseMs: LEASE_MS, heartbeatMs: HEARTBEAT_MS },
  });
});
afterAll(async () => {
  await processes.killAll();
  await a.close();
  await judge.close();
  await database.close();
  redisClient.disconnect();
  await redis.stop();
});

/** Another room-server in a process of its own (killed in the test), its edits stored a second late. */
function startServerB() {
  return processes.start({
    MONGODB_URI: inject('mongoUri'),
    MONGODB_DB: dbName,
    SESSION_KEY: TEST_SESSION_KEY,
    REDIS_URL: redis.url,
    SERVER_ID: 'b',
    ROOM_LEASE_MS: String(LEASE_MS),
    SERVER_HEARTBEAT_MS: String(HEARTBEAT_MS),
    // Its edits wait a second before they are stored: it dies with them unstored.
    UPDATE_LOG_BATCH_MS: '1000',
  });
}

describe('the storing room-server dies', () => {
  it('another takes the lease over after its TTL, and the log ends up with every edit once; the dead server’s cursors go', async () => {
    const b = await startServerB();
    const { roomId, sessions } = await roomWithPeople(a, database, ['Ann', 'Bob']);
    const [annSession, bobSession] = sessions;
    if (!annSession || !bobSession) throw new Error('two people');
    // Bob's server loads the room first and takes its storage lease.
    const bob = connectClient(b.server, roomId, bobSession.on(b.server));
    await bob.synced;
    await waitFor(
      async () => (await redisClient.get(clusterKeys.lease(roomId)))?.startsWith('b#') ?? false,
      10_000,
      'b holds the lease',
    );
    const ann = connectClient(a, roomId, annSession);
    await ann.synced;
    expect(a.cluster?.isStorageHolder(roomId)).toBe(false);

    const annText = ann.doc.getText(DocKeys.code);
    const bobText = bob.doc.getText(DocKeys.code);
    annText.insert(0, 'ann;');
    for (let i = 0; i < 20; i++) bobText.insert(bobText.length, `bob${i};`);
    await waitFor(
      () => annText.toString() === bobText.toString() && annText.toString().includes('bob19;'),
      10_000,
      'convergence',
    );
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    await waitFor(() => ann.provider.awareness.getStates().has(bob.doc.clientID), 10_000, 'Bob’s cursor at Ann');
    const expected = annText.toString();

    await kill(b.child);
    bob.close();
    await waitFor(() => a.cluster?.isStorageHolder(roomId) ?? false, LEASE_MS * 5, 'a takes the lease over');
    await waitFor(
      () => !ann.provider.awareness.getStates().has(bob.doc.clientID),
      HEARTBEAT_MS * 5,
      'Bob’s cursor gone',
    );

    const storedText = () => storedCode(database, roomId);
    await waitFor(async () => (await storedText()) === expected, 10_000, 'the log holds every edit');
    const updates = await database.roomUpdates.after(roomId, 0);
    expect(updates.map((entry) => entry.seq)).toEqual(updates.map((_, i) => i + 1));
    // 21 keystrokes, each stored once, whichever holder stored it.
    expect(updates).toHaveLength(21);
    expect(new Set(updates.map((entry) => entry.source)).size).toBe(21);
    const epochs = updates.map((entry) => entry.epoch ?? 0);
    expect(epochs).toEqual([...epochs].sort((x, y) => x - y));
    expect(epochs.at(-1)).toBeGreaterThan(1);

    // Edits after the takeover are stored by the new holder.
    annText.insert(annText.length, 'after;');
    await waitFor(async () => (await storedText()) === annText.toString(), 10_000, 'an edit after the takeover stored');
    ann.close();
  });
  it('the notes too: a server with a host there takes their lease over and stores every note once', async () => {
    const b = await startServerB();
    const host = await signedIn(a, database, 'host', 'Hana');
    const roomId = await createRoom(host);
    const coHost = await signedIn(a, database, 'member', 'Cora');
    expect((await join(coHost, roomId, await invite(host, roomId, false, 'host'))).status).toBe(200);
    const logName = notesLogKey(roomId);
    // Cora's server loads the notes first and takes their storage lease.
    const cora = connectClient(b.server, roomId, coHost.on(b.server), { doc: 'notes' });
    await cora.synced;
    await waitFor(
      async () => (await redisClient.get(clusterKeys.lease(logName)))?.startsWith('b#') ?? false,
      10_000,
      'b holds the notes lease',
    );
    const hana = connectClient(a, roomId, host, { doc: 'notes' });
    await hana.synced;
    const hanaText = hana.doc.getText(NOTES_TEXT);
    const coraText = cora.doc.getText(NOTES_TEXT);
    hanaText.insert(0, 'hana;');
    for (let i = 0; i < 15; i++) coraText.insert(coraText.length, `cora${i};`);
    await waitFor(
      () => hanaText.toString() === coraText.toString() && hanaText.toString().includes('cora14;'),
      10_000,
      'convergence',
    );
    const expected = hanaText.toString();

    await kill(b.child);
    cora.close();
    await waitFor(() => a.cluster?.isStorageHolder(logName) ?? false, LEASE_MS * 5, 'a takes the notes lease over');
    await waitFor(async () => (await storedNotes(database, roomId)) === expected, 10_000, 'the log holds every note');
    const updates = await database.roomUpdates.after(logName, 0);
    expect(updates.map((entry) => entry.seq)).toEqual(updates.map((_, i) => i + 1));
    expect(updates).toHaveLength(16);
    expect(new Set(updates.map((entry) => entry.source)).size).toBe(16);
    const epochs = updates.map((entry) => entry.epoch ?? 0);
    expect(epochs).toEqual([...epochs].sort((x, y) => x - y));

    hanaText.insert(hanaText.length, 'after;');
    await waitFor(
      async () => (await storedNotes(database, roomId)) === hanaText.toString(),
      10_000,
      'a note after the takeover stored',
    );
    hana.close();
  });
});
