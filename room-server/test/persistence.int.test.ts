import { DocKeys } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { loadRoomDoc } from '../src/rooms/loadRoomDoc.ts';
import type { UpdateLogSettings } from '../src/rooms/UpdateLogWriter.ts';
import {
  connectClient,
  createRoom,
  createTestJudge,
  invite,
  join,
  openTestDatabase,
  roomWithPeople,
  Session,
  signedIn,
  startTestServer,
  waitFor,
} from './harness.ts';

let database: Database;
const judge = createTestJudge();
const servers: RoomServer[] = [];
const start = async (updateLog?: Partial<UpdateLogSettings>) => {
  const server = await startTestServer({ database, judge, updateLog });
  servers.push(server);
  return server;
};

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await judge.close();
  await database.close();
});

/** The room's code as a server loading it now would see it: latest snapshot plus the log after it. */
async function storedCode(roomId: string): Promise<string | null> {
  const record = await database.rooms.find(roomId);
  if (!record) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadRoomDoc(database, record)).state);
  return doc.getText(DocKeys.code).toString();
}

const logged = (roomId: string) =>
  database.db
    .collection('room_updates')
    .find({ room: roomId }, { sort: { seq: 1 } })
    .toArray();

describe('room persistence', () => {
  it('keeps the code across a server restart, loaded before the first sync reply', async () => {
    const first = await start();
    const { roomId, sessions } = await roomWithPeople(first, database, ['Ann', 'Observer']);
    const [annSession, observerSession] = sessions as [Session, Session];
    const ann = connectClient(first, roomId, annSession);
    const observer = connectClient(first, roomId, observerSession);
    await Promise.all([ann.synced, observer.synced]);
    const text = ann.doc.getText(DocKeys.code);
    text.delete(0, text.length);
    text.insert(0, 'print("survives restarts")\n');
    // Once another participant has the edit, the server has it.
    await waitFor(() => observer.doc.getText(DocKeys.code).toString() === text.toString(), 5_000, 'edit at server');
    await first.close();
    ann.close();
    observer.close();

    const second = await start();
    // Sessions live in the database: the same cookie works after the restart.
    const bob = connectClient(second, roomId, annSession.on(second));
    let atFirstSync = '';
    bob.provider.once('sync', () => {
      atFirstSync = bob.doc.getText(DocKeys.code).toString();
    });
    await bob.synced;
    expect(atFirstSync).toBe('print("survives restarts")\n');
    bob.close();
  });

  it('logs each accepted update within the durability window, while people are still editing', async () => {
    const server = await start({ batchMs: 100 });
    const owner = await signedIn(server, database, 'host', 'Ann');
    const roomId = await createRoom(owner);
    const ann = connectClient(server, roomId, owner);
    await ann.synced;
    const sentAt = Date.now();
    ann.doc.getText(DocKeys.code).insert(0, '# stored while open\n');
    await waitFor(async () => (await storedCode(roomId))?.startsWith('# stored while open') ?? false, 5_000, 'store');
    // The window is 100 ms plus one insert; a debounced whole-document store took seconds.
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    const [entry] = await logged(roomId);
    expect(entry).toMatchObject({ seq: 1, author: { userId: owner.account.id } });
    expect(server.registry.loadedCount).toBe(1);
    ann.close();
  });

  it('keeps one entry per update with its author, numbered in order, and every snapshot', async () => {
    const server = await start({ snapshotEvery: { updates: 4, bytes: 1024 * 1024 } });
    const owner = await signedIn(server, database, 'host', 'Ann');
    const roomId = await createRoom(owner);
    const guest = new Session(server);
    expect((await join(guest, roomId, await invite(owner, roomId, true), 'Zoe')).status).toBe(200);
    const ann = connectClient(server, roomId, owner);
    const zoe = connectClient(server, roomId, guest);
    await Promise.all([ann.synced, zoe.synced]);
    // Ten updates, alternating authors, each seen by the other before the next.
    for (let i = 0; i < 10; i++) {
      const [from, to] = i % 2 === 0 ? [ann, zoe] : [zoe, ann];
      from.doc.getText(DocKeys.code).insert(0, `${i}`);
      const expected = from.doc.getText(DocKeys.code).toString();
      await waitFor(() => to.doc.getText(DocKeys.code).toString() === expected, 5_000, `edit ${i}`);
    }
    const code = ann.doc.getText(DocKeys.code).toString();
    await waitFor(async () => (await logged(roomId)).length === 10, 5_000, 'ten entries');
    const entries = await logged(roomId);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(entries.map((e) => e.author)).toEqual(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0 ? { userId: owner.account.id } : { guest: 'Zoe', guestId: expect.stringMatching(/^[\w-]{16}$/) },
      ),
    );
    const snapshots = await database.db.collection('room_snapshots').find({ room: roomId }).sort({ seq: 1 }).toArray();
    // Seq 0 is the seed, stored when the room was made.
    expect(snapshots.map((s) => s.seq)).toEqual([0, 4, 8]);
    // The snapshot at 4 is the doc right after update 4: the log from the seed rebuilds the same.
    const fromLog = new Y.Doc();
    Y.applyUpdate(fromLog, (await database.rooms.find(roomId))?.doc.buffer as Uint8Array);
    for (const entry of entries.slice(0, 4)) Y.applyUpdate(fromLog, entry.update.buffer);
    const fromSnapshot = new Y.Doc();
    Y.applyUpdate(fromSnapshot, snapshots[1]?.doc.buffer);
    expect(fromSnapshot.getText(DocKeys.code).toString()).toBe(fromLog.getText(DocKeys.code).toString());
    expect(await storedCode(roomId)).toBe(code);
    ann.close();
    zoe.close();
  });

  it('unloads a room once its last socket left and its updates are stored, and logs joins and leaves', async () => {
    const server = await start();
    const owner = await signedIn(server, database, 'host', 'Ann');
    const roomId = await createRoom(owner);
    const ann = connectClient(server, roomId, owner);
    await ann.synced;
    ann.doc.getText(DocKeys.code).insert(0, '# stored on leave\n');
    ann.close();
    await waitFor(() => server.registry.loadedCount === 0, 5_000, 'unload');
    expect(await storedCode(roomId)).toMatch(/^# stored on leave/);
    const events = await database.roomEvents.list(roomId);
    expect(events.map((e) => [e.kind, e.who])).toEqual([
      ['join', { userId: owner.account.id }],
      ['leave', { userId: owner.account.id }],
    ]);
  });
});
