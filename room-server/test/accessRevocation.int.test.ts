import { CloseCode } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  createRoom,
  createTestJudge,
  createUser,
  openTestDatabase,
  roomWithPeople,
  Session,
  signedIn,
  socketOutcome,
  startTestServer,
} from './harness.ts';
import { closedWithin, openSocket } from './openSockets.ts';

// Whatever changes who someone is takes effect on their open room sockets at once.

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

async function anotherSession(session: Session & { account: { email: string; password: string } }) {
  return new Session(server).signIn(session.account.email, session.account.password);
}

async function admin() {
  return signedIn(server, database, 'admin');
}

describe('ending sessions closes their sockets', () => {
  it('signing out closes the sockets of that session only', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Host', 'Ann']);
    const ann = sessions[1] as Awaited<ReturnType<typeof signedIn>>;
    const annLaptop = await openSocket(ann, roomId);
    const annPhone = await anotherSession(ann);
    const phone = await openSocket(annPhone, roomId);
    expect((await ann.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect(await closedWithin(annLaptop)).toBe(CloseCode.SignedOut);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(phone.isOpen()).toBe(true);
    phone.ws.close();
  });

  it('signing out everywhere closes every socket of the person', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Host', 'Bea']);
    const bea = sessions[1] as Awaited<ReturnType<typeof signedIn>>;
    const first = await openSocket(bea, roomId);
    const second = await openSocket(await anotherSession(bea), roomId);
    expect((await bea.fetch('/api/auth/logout-all', { method: 'POST' })).status).toBe(204);
    expect(await closedWithin(first)).toBe(CloseCode.SignedOut);
    expect(await closedWithin(second)).toBe(CloseCode.SignedOut);
  });

  it("an admin revoking someone's sessions closes their sockets, and they cannot come back", async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Host', 'Cal']);
    const cal = sessions[1] as Awaited<ReturnType<typeof signedIn>>;
    const socket = await openSocket(cal, roomId);
    const res = await (await admin()).fetch(`/api/users/${cal.account.id}/revoke-sessions`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await closedWithin(socket)).toBe(CloseCode.SignedOut);
    expect(await socketOutcome(cal, roomId)).toBe(CloseCode.Forbidden);
  });
});

describe('role changes re-check open sockets', () => {
  it('an admin lowered to member leaves rooms they could enter only as admin, at once', async () => {
    const host = await signedIn(server, database, 'host');
    const roomId = await createRoom(host);
    const formerAdmin = await admin();
    const socket = await openSocket(formerAdmin, roomId);
    const res = await (await admin()).fetch(`/api/users/${formerAdmin.account.id}`, {
      method: 'PATCH',
      json: { role: 'member' },
    });
    expect(res.status).toBe(200);
    expect(await closedWithin(socket)).toBe(CloseCode.Forbidden);
  });

  it('a role change that keeps access keeps the socket open', async () => {
    const owner = await signedIn(server, database, 'host');
    const roomId = await createRoom(owner);
    const socket = await openSocket(owner, roomId);
    const res = await (await admin()).fetch(`/api/users/${owner.account.id}`, {
      method: 'PATCH',
      json: { role: 'author' },
    });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(socket.isOpen()).toBe(true);
    socket.ws.close();
  });

  it('other people keep their sockets when someone is changed', async () => {
    const host = await signedIn(server, database, 'host');
    const roomId = await createRoom(host);
    const hostSocket = await openSocket(host, roomId);
    const bystander = await createUser(database, { role: 'admin' });
    const res = await (await admin()).fetch(`/api/users/${bystander.id}`, {
      method: 'PATCH',
      json: { role: 'member' },
    });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hostSocket.isOpen()).toBe(true);
    hostSocket.ws.close();
  });
});
