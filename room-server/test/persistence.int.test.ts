import { DocKeys } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/db/Database.ts';
import {
  connectClient,
  createRoom,
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  type Session,
  signedIn,
  startTestServer,
  waitFor,
} from './harness.ts';

let database: Database;
const judge = createTestJudge();
const servers: RoomServer[] = [];
const start = async (persist = { debounceMs: 200, maxWaitMs: 1_000 }) => {
  const server = await startTestServer({ database, judge, persist });
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

async function storedCode(roomId: string): Promise<string | null> {
  const record = await database.rooms.find(roomId);
  if (!record?.doc) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, record.doc.buffer);
  return doc.getText(DocKeys.code).toString();
}

describe('room persistence', () => {
  it('keeps the code across a server restart, loaded before the first sync reply', async () => {
    // A debounce of a minute: only the store at shutdown can save the edit.
    const first = await start({ debounceMs: 60_000, maxWaitMs: 60_000 });
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

  it('stores edits after the debounce while people are still editing', async () => {
    const server = await start({ debounceMs: 300, maxWaitMs: 60_000 });
    const owner = await signedIn(server, database, 'host', 'Ann');
    const roomId = await createRoom(owner);
    const ann = connectClient(server, roomId, owner);
    await ann.synced;
    ann.doc.getText(DocKeys.code).insert(0, '# stored while open\n');
    await waitFor(async () => (await storedCode(roomId))?.startsWith('# stored while open') ?? false, 5_000, 'store');
    expect(server.registry.loadedCount).toBe(1);
    ann.close();
  });

  it('stores at the latest after the max wait while edits keep coming', async () => {
    const server = await start({ debounceMs: 500, maxWaitMs: 1_000 });
    const owner = await signedIn(server, database, 'host', 'Ann');
    const roomId = await createRoom(owner);
    const ann = connectClient(server, roomId, owner);
    await ann.synced;
    const text = ann.doc.getText(DocKeys.code);
    const startedAt = Date.now();
    let storedWhileTyping = false;
    // Type every 100 ms (never 500 ms of quiet) for up to 4 s.
    while (Date.now() - startedAt < 4_000) {
      text.insert(0, 'x');
      await new Promise((r) => setTimeout(r, 100));
      if ((await storedCode(roomId))?.startsWith('x')) {
        storedWhileTyping = true;
        break;
      }
    }
    expect(storedWhileTyping).toBe(true);
    ann.close();
  });

  it('stores and unloads a room when its last socket leaves', async () => {
    const server = await start({ debounceMs: 60_000, maxWaitMs: 60_000 });
    const owner = await signedIn(server, database, 'host', 'Ann');
    const roomId = await createRoom(owner);
    const ann = connectClient(server, roomId, owner);
    await ann.synced;
    ann.doc.getText(DocKeys.code).insert(0, '# stored on leave\n');
    await waitFor(() => server.registry.loadedCount === 1);
    await new Promise((r) => setTimeout(r, 200));
    ann.close();
    // The debounce is a minute long: only the store on last-leave can have written this.
    await waitFor(async () => (await storedCode(roomId))?.startsWith('# stored on leave') ?? false, 5_000, 'store');
    expect(server.registry.loadedCount).toBe(0);
  });
});
