import { CloseCode, DocKeys, MessageType, PROTOCOL_VERSION, ROOM_SOCKET_PATH } from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
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

let database: Database;
let server: RoomServer;
const judge = createTestJudge();

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge, maxMessageBytes: 64 * 1024, pingIntervalMs: 200 });
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

function openRaw(roomId: string, session: Session): Promise<WebSocket> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`, {
    headers: { cookie: session.cookieHeader, origin: server.url },
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A well-behaved participant stays connected and in sync while others misbehave. */
async function expectRoomStillWorks(roomId: string, ann: ReturnType<typeof connectClient>, bobSession: Session) {
  const bob = connectClient(server, roomId, bobSession);
  await bob.synced;
  const marker = `# still fine ${Math.random()}\n`;
  ann.doc.getText(DocKeys.code).insert(0, marker);
  await waitFor(() => bob.doc.getText(DocKeys.code).toString().startsWith(marker), 5_000, 'sync after bad frame');
  expect(ann.provider.wsconnected).toBe(true);
  bob.close();
}

describe('bad frames close only the sender', () => {
  const cases: [string, Uint8Array | string, number][] = [
    ['unknown message type', frame(42, (e) => encoding.writeVarString(e, 'x')), CloseCode.MalformedMessage],
    ['truncated sync message', new Uint8Array([MessageType.Sync, 0, 200]), CloseCode.MalformedMessage],
    [
      'garbage update',
      frame(MessageType.Sync, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
      }),
      CloseCode.UpdateRefused,
    ],
    [
      'app message that is not JSON',
      frame(MessageType.App, (e) => encoding.writeVarString(e, '{nope')),
      CloseCode.MalformedMessage,
    ],
    [
      'app message of unknown type',
      frame(MessageType.App, (e) => encoding.writeVarString(e, '{"type":"rm -rf"}')),
      CloseCode.MalformedMessage,
    ],
    ['text frame', 'hello', CloseCode.MalformedMessage],
    [
      'oversized frame',
      frame(MessageType.App, (e) => encoding.writeVarString(e, 'x'.repeat(100 * 1024))),
      CloseCode.MessageTooBig,
    ],
  ];

  it.each(cases)('%s', async (_name, data, expectedCode) => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob', 'Mallory']);
    const [annSession, bobSession, mallorySession] = sessions as [Session, Session, Session];
    const ann = connectClient(server, roomId, annSession);
    await ann.synced;
    const mallory = await openRaw(roomId, mallorySession);
    const code = closed(mallory);
    mallory.send(data);
    expect(await code).toBe(expectedCode);
    await expectRoomStillWorks(roomId, ann, bobSession);
    ann.close();
  });
});

describe('liveness', () => {
  it('drops a socket that stops answering pings and removes its cursor', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Ghost']);
    const [annSession, ghostSession] = sessions as [Session, Session];
    const ann = connectClient(server, roomId, annSession);
    const ghost = connectClient(server, roomId, ghostSession);
    await Promise.all([ann.synced, ghost.synced]);
    ghost.provider.awareness.setLocalStateField('user', { name: 'Ghost' });
    const ghostId = ghost.doc.clientID;
    await waitFor(() => ann.provider.awareness.getStates().has(ghostId), 5_000, 'ghost cursor');
    // Stop reading the socket: pings go unanswered, as with a vanished laptop.
    ghost.provider.shouldConnect = false;
    const raw = ghost.provider.ws as unknown as WebSocket & { _socket: import('node:net').Socket };
    raw._socket.pause();
    await waitFor(() => !ann.provider.awareness.getStates().has(ghostId), 5_000, 'ghost removed');
    ghost.close();
    ann.close();
  });
});
