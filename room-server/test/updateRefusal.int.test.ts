import { CloseCode, DocKeys, MessageType, PROTOCOL_VERSION, ROOM_SOCKET_PATH } from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { loadRoomDoc } from '../src/rooms/loadRoomDoc.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  type Session,
  startTestServer,
  waitFor,
} from './harness.ts';

const DOC_MAX_BYTES = 16 * 1024;
let database: Database;
let server: RoomServer;
const judge = createTestJudge();

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge, roomDocMaxBytes: DOC_MAX_BYTES });
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

type Client = ReturnType<typeof connectClient>;

/** The close code of the client's next socket close. */
function nextClose(client: Client): Promise<number> {
  return new Promise((resolve) =>
    client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)),
  );
}

/** The room as a server loading it would see it (latest snapshot plus the update log). */
async function storedDoc(roomId: string): Promise<Y.Doc> {
  const record = await database.rooms.find(roomId);
  const doc = new Y.Doc();
  if (record) Y.applyUpdate(doc, (await loadRoomDoc(database, record)).state);
  return doc;
}

async function twoInRoom() {
  const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
  const [annSession, bobSession] = sessions as [Session, Session];
  const ann = connectClient(server, roomId, annSession);
  const bob = connectClient(server, roomId, bobSession);
  await Promise.all([ann.synced, bob.synced]);
  return { roomId, annSession, bobSession, ann, bob };
}

/** Bob still edits with the room, and sees Ann's edits only if they reached it. */
async function expectStillSyncing(from: Client, to: Client) {
  const marker = `# still syncing ${Math.random()}\n`;
  from.doc.getText(DocKeys.code).insert(0, marker);
  await waitFor(() => to.doc.getText(DocKeys.code).toString().startsWith(marker), 5_000, 'sync');
}

describe('a refused update leaves no trace', () => {
  it("refuses a stock client's update that mixes text with a settings entry, whole, naming why", async () => {
    const { roomId, ann, bob, bobSession } = await twoInRoom();
    const before = bob.doc.getText(DocKeys.code).toString();
    const closing = nextClose(ann);
    ann.doc.transact(() => {
      ann.doc.getText(DocKeys.code).insert(0, '# half of a bad update\n');
      ann.doc.getMap('settings').set('language', { not: 'a language' });
    });
    expect(await closing).toBe(CloseCode.UpdateRefused);
    expect(ann.messages.map((m) => m.message)).toContainEqual({
      type: 'update-refused',
      reason: 'invalid',
      message: expect.stringMatching(/not a valid change/),
    });
    // The stock client keeps the update and sends it again on reconnecting: refused again.
    expect(await nextClose(ann)).toBe(CloseCode.UpdateRefused);
    ann.close();

    // A fresh copy of the room: what the server holds.
    const fresh = connectClient(server, roomId, bobSession);
    await fresh.synced;
    await expectStillSyncing(bob, fresh);
    const edited = fresh.doc.getText(DocKeys.code).toString();
    expect(edited.endsWith(before)).toBe(true);
    expect(edited).not.toContain('half of a bad update');
    expect(fresh.doc.share.has('settings')).toBe(false);
    fresh.close();
    bob.close();
    await waitFor(() => server.registry.loadedCount === 0, 5_000, 'room unloaded');
    const stored = await storedDoc(roomId);
    expect(stored.getText(DocKeys.code).toString()).toBe(edited);
    expect(stored.share.has('settings')).toBe(false);
  });

  it('closes a raw socket whose update waits for missing parts that never come, and the room keeps syncing', async () => {
    const { ann, annSession, bob, roomId } = await twoInRoom();
    const other = new Y.Doc();
    other.getText(DocKeys.code).insert(0, 'never sent');
    const updates: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => updates.push(u));
    other.getText(DocKeys.code).insert(10, ' fragment');
    const raw = await openRaw(roomId, annSession);
    const code = new Promise<number>((resolve) => raw.once('close', resolve));
    raw.send(updateFrame(updates[0] as Uint8Array));
    // Held for a few seconds (its missing part might be on its way), then refused at the
    // sender's next frame.
    const emptyUpdates = setInterval(() => raw.send(updateFrame(Y.encodeStateAsUpdate(new Y.Doc()))), 500);
    try {
      expect(await code).toBe(CloseCode.UpdateRefused);
    } finally {
      clearInterval(emptyUpdates);
    }
    await expectStillSyncing(ann, bob);
    expect(bob.doc.getText(DocKeys.code).toString()).not.toContain('fragment');
    ann.close();
    bob.close();
  });
});

describe('the room document size limit', () => {
  it('refuses an update past it whole; deleting makes room again', async () => {
    const { roomId, ann, bob, bobSession } = await twoInRoom();
    const annCode = ann.doc.getText(DocKeys.code);
    annCode.insert(0, 'a'.repeat(15 * 1024));
    await waitFor(() => bob.doc.getText(DocKeys.code).length === annCode.length, 5_000, 'within the limit');
    const closing = nextClose(bob);
    bob.doc.getText(DocKeys.code).insert(0, 'b'.repeat(2 * 1024));
    expect(await closing).toBe(CloseCode.UpdateRefused);
    expect(bob.messages.map((m) => m.message)).toContainEqual({
      type: 'update-refused',
      reason: 'too-large',
      message: expect.stringMatching(/size limit \(16 KiB\)/),
    });
    bob.close();
    // Deleted text leaves only its length behind: the room measures again and has room.
    annCode.delete(0, 12 * 1024);
    annCode.insert(0, 'c'.repeat(2 * 1024));
    const carl = connectClient(server, roomId, bobSession);
    await carl.synced;
    await waitFor(() => carl.doc.getText(DocKeys.code).toString() === annCode.toString(), 5_000, 'carl synced');
    expect(carl.doc.getText(DocKeys.code).toString()).not.toContain('b');
    expect(ann.provider.wsconnected).toBe(true);
    carl.close();
    ann.close();
  });
});

function openRaw(roomId: string, session: Session): Promise<WebSocket> {
  const url = `${server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie: session.cookieHeader, origin: server.url } });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
