import { CloseCode, PROTOCOL_VERSION, ROOM_SOCKET_PATH } from '@codestream/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
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
let server: RoomServer;
const judge = createTestJudge();
const open: WebSocket[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge, maxSocketsPerRoom: 3, maxSocketsPerPerson: 2 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map(closeSocket));
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

/** Opens a room socket as `session` and keeps it open: 'open' once the room answers, else the close code. */
function connect(session: Session, roomId: string): Promise<number | 'open'> {
  const url = `${server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`;
  const ws = new WebSocket(url, { headers: { origin: server.url, cookie: session.cookieHeader } });
  open.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve('open'));
    ws.once('close', (code) => resolve(code));
    ws.once('error', reject);
  });
}

function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close();
  });
}

describe('sockets per room', () => {
  it('refuses a socket past the room limit with RoomFull, and admits one again when a socket leaves', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob', 'Cid', 'Dee']);
    const [ann, bob, cid, dee] = sessions as [Session, Session, Session, Session];
    expect(await Promise.all([connect(ann, roomId), connect(bob, roomId), connect(cid, roomId)])).toEqual([
      'open',
      'open',
      'open',
    ]);
    expect(await connect(dee, roomId)).toBe(CloseCode.RoomFull);

    await closeSocket(open[0] as WebSocket);
    // The server counts the socket out when its side closes, which may trail the client's.
    await waitFor(async () => (await connect(dee, roomId)) === 'open', 5_000, 'a free place in the room');
  });
});

describe('sockets per person', () => {
  it('counts an account across rooms and refuses one more with TooManySockets', async () => {
    const host = await signedIn(server, database, 'host', 'Host');
    const rooms = [await createRoom(host), await createRoom(host), await createRoom(host)];
    expect(await connect(host, rooms[0] as string)).toBe('open');
    expect(await connect(host, rooms[1] as string)).toBe('open');
    expect(await connect(host, rooms[2] as string)).toBe(CloseCode.TooManySockets);

    // Another person is not affected by the host's count.
    const token = await invite(host, rooms[2] as string);
    const member = await signedIn(server, database, 'member', 'Member');
    expect((await join(member, rooms[2] as string, token)).status).toBe(200);
    expect(await connect(member, rooms[2] as string)).toBe('open');
  });

  it('counts a guest per guest session', async () => {
    const host = await signedIn(server, database, 'host', 'Host');
    const roomId = await createRoom(host);
    const token = await invite(host, roomId, true);
    const guest = new Session(server);
    expect((await join(guest, roomId, token, 'Guest One')).status).toBe(200);
    const otherGuest = new Session(server);
    expect((await join(otherGuest, roomId, token, 'Guest Two')).status).toBe(200);

    expect(await connect(guest, roomId)).toBe('open');
    expect(await connect(guest, roomId)).toBe('open');
    expect(await connect(guest, roomId)).toBe(CloseCode.TooManySockets);
    expect(await connect(otherGuest, roomId)).toBe('open');
  });
});
