import { DocKeys, MessageType, PROTOCOL_VERSION, ROOM_SOCKET_PATH } from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  type Session,
  startTestServer,
  waitFor,
} from './harness.ts';

// A person edits offline, and goes on typing as the connection comes back: the stock
// client sends the new keystrokes at once but the offline edits they build on only in
// answer to the server's sync step 1, a round trip later. Nothing of it may be lost.

let database: Database;
let server: RoomServer;
const judge = createTestJudge();

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge });
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('typing through a reconnect', () => {
  it('keeps a keystroke that arrives before the offline edits it builds on', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
    const [ann, bob] = sessions as [Session, Session];
    const watcher = connectClient(server, roomId, bob);
    await watcher.synced;

    // Ann's copy of the room, then edits the server has not seen.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcher.doc));
    const known = Y.encodeStateVector(doc);
    doc.getText(DocKeys.code).insert(0, 'offline ');
    const offline = Y.encodeStateAsUpdate(doc, known);
    const before = Y.encodeStateVector(doc);
    doc.getText(DocKeys.code).insert(8, 'typed on');
    const keystroke = Y.encodeStateAsUpdate(doc, before);

    const url = `${server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`;
    const ws = new WebSocket(url, { headers: { origin: server.url, cookie: ann.cookieHeader } });
    let closeCode: number | null = null;
    ws.on('close', (code) => {
      closeCode = code;
    });
    await new Promise((resolve) => ws.once('message', resolve));
    ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, keystroke)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, offline)));

    await waitFor(
      () => watcher.doc.getText(DocKeys.code).toString().startsWith('offline typed on'),
      5_000,
      'both edits at the watcher',
    );
    expect(closeCode).toBeNull();
    ws.close();
    watcher.close();
  });
});
