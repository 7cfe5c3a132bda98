import { randomBytes } from 'node:crypto';
import { CloseCode } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomServer } from '../src/createRoomServer.ts';
import { type Database, openDatabase } from '../src/database.ts';
import {
  createRoom,
  createTestJudge,
  invite,
  join,
  roomWithPeople,
  Session,
  signedIn,
  socketOutcome,
  startTestServer,
} from './harness.ts';

// Opening a room socket reads the session once (and the account it names) and the room's
// access once, then answers from memory, writing nothing; what a page's own requests read
// or wrote of its session, and a room just made, need no read at all. Whatever changes who
// someone is, or who may enter a room, counts for the very next socket.

interface Command {
  name: string;
  collection: unknown;
}

let database: Database;
let server: RoomServer;
/** A second server on the same database: it has seen none of the sessions made through `server`. */
let other: RoomServer;
const judge = createTestJudge();
const commands: Command[] = [];

beforeAll(async () => {
  // The driver reports every command it sends (command monitoring): the round trips counted here.
  const uri = new URL(inject('mongoUri'));
  uri.searchParams.set('monitorCommands', 'true');
  database = await openDatabase({ uri: uri.toString(), dbName: `t_${randomBytes(6).toString('hex')}` });
  database.db.client.on('commandStarted', (event) =>
    commands.push({ name: event.commandName, collection: event.command[event.commandName] }),
  );
  server = await startTestServer({ database, judge });
  other = await startTestServer({ database, judge });
});
afterAll(async () => {
  await other.close();
  await server.close();
  await judge.close();
  await database.close();
});

/** A room socket held open once its room has answered; resolves with a closer. */
function openSocket(session: Session, roomId: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const { url: base } = session.server;
    const url = `${base.replace('http', 'ws')}/ws/rooms/${roomId}?v=1`;
    const ws = new WebSocket(url, { headers: { origin: base, cookie: session.cookieHeader } });
    ws.once('message', () => resolve(() => ws.close()));
    ws.once('close', (code) => reject(new Error(`refused with ${code}`)));
  });
}

/** The commands sent while `action` ran. */
async function commandsDuring(action: () => Promise<unknown>): Promise<Command[]> {
  commands.length = 0;
  await action();
  return [...commands];
}

/** Reads or writes of what deciding who joins needs: sessions, accounts, room access. */
function lookups(sent: Command[]) {
  return sent.filter((c) => ['sessions', 'users', 'rooms'].includes(String(c.collection)));
}

function sessionKeyOf(session: Session): string {
  const key = /(?:^|; )cs\.sid=([^;]+)/.exec(session.cookieHeader)?.[1];
  if (!key) throw new Error('no session cookie');
  return key;
}

describe('database round trips of a room socket', () => {
  it("a socket opened after its page's requests reads no session, and a second one nothing", async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Host', 'Ann']);
    const ann = sessions[1] as Session;
    let closeFirst = () => {};
    const first = await commandsDuring(async () => (closeFirst = await openSocket(ann, roomId)));
    // The session as the sign-in request wrote it; the account is read once.
    expect(lookups(first).filter((c) => c.collection === 'sessions')).toEqual([]);
    expect(lookups(first).filter((c) => c.collection === 'users')).toHaveLength(1);
    let closeSecond = () => {};
    const second = await commandsDuring(async () => (closeSecond = await openSocket(ann, roomId)));
    expect(lookups(second)).toEqual([]);
    closeFirst();
    closeSecond();
  });

  it('a session the server has not seen is read once, and never written, even when a page request would renew it', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Host', 'Bea']);
    const bea = (sessions[1] as Session).on(other);
    // Half its lifetime is gone: koa-session renews it on the next request that reads it.
    await database.db
      .collection('sessions')
      .updateOne({ _id: sessionKeyOf(bea) as never }, { $set: { 'data._expire': Date.now() + 60_000 } });
    let close = () => {};
    const sent = await commandsDuring(async () => (close = await openSocket(bea, roomId)));
    expect(sent.filter((c) => c.collection === 'sessions').map((c) => c.name)).toEqual(['find']);
    const again = await commandsDuring(async () => openSocket(bea, roomId).then((closeAgain) => closeAgain()));
    expect(lookups(again)).toEqual([]);
    close();
    // The same session over HTTP is renewed: the check above could have seen a write.
    const renewed = await commandsDuring(() => bea.fetch('/api/auth/me'));
    expect(renewed.filter((c) => c.collection === 'sessions').map((c) => c.name)).toContain('update');
  });

  it('a room just made is entered without reading its access', async () => {
    const host = await signedIn(server, database, 'host');
    const roomId = await createRoom(host);
    let close = () => {};
    const sent = await commandsDuring(async () => (close = await openSocket(host, roomId)));
    // The room itself is loaded (one find of its record, with its doc); its access is not read apart.
    expect(sent.filter((c) => c.collection === 'rooms' && c.name === 'find')).toHaveLength(1);
    close();
  });
});

describe('what the sockets remember is forgotten when access changes', () => {
  it('a signed-out session cookie opens nothing, though it opened a socket a moment before', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Host', 'Cal']);
    const cal = sessions[1] as Session;
    const copied = cal.on(server);
    const close = await openSocket(cal, roomId);
    expect((await cal.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect(await socketOutcome(copied, roomId)).toBe(CloseCode.Forbidden);
    close();
  });

  it('a demoted admin is refused at once by a room they had just opened', async () => {
    const host = await signedIn(server, database, 'host');
    const roomId = await createRoom(host);
    const formerAdmin = await signedIn(server, database, 'admin');
    expect(await socketOutcome(formerAdmin, roomId)).toBe('open');
    const res = await (await signedIn(server, database, 'admin')).fetch(`/api/users/${formerAdmin.account.id}`, {
      method: 'PATCH',
      json: { role: 'member' },
    });
    expect(res.status).toBe(200);
    expect(await socketOutcome(formerAdmin, roomId)).toBe(CloseCode.Forbidden);
  });

  it('a disabled account is refused at once by a room it had just opened', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Host', 'Dan']);
    const dan = sessions[1] as Awaited<ReturnType<typeof signedIn>>;
    expect(await socketOutcome(dan, roomId)).toBe('open');
    const admin = await signedIn(server, database, 'admin');
    const res = await admin.fetch(`/api/users/${dan.account.id}`, { method: 'PATCH', json: { disabled: true } });
    expect(res.status).toBe(200);
    expect(await socketOutcome(dan, roomId)).toBe(CloseCode.Forbidden);
    // Enabled again and signed in afresh: the room opens at once, not once a cache expires.
    const enabled = await admin.fetch(`/api/users/${dan.account.id}`, { method: 'PATCH', json: { disabled: false } });
    expect(enabled.status).toBe(200);
    const again = await new Session(server).signIn(dan.account.email, dan.account.password);
    expect(await socketOutcome(again, roomId)).toBe('open');
  });

  it('someone who joins through an invite gets in at once, though they were refused a moment before', async () => {
    const owner = await signedIn(server, database, 'host');
    const roomId = await createRoom(owner);
    const eve = await signedIn(server, database, 'member');
    expect(await socketOutcome(eve, roomId)).toBe(CloseCode.Forbidden);
    expect((await join(eve, roomId, await invite(owner, roomId))).status).toBe(200);
    expect(await socketOutcome(eve, roomId)).toBe('open');
  });

  it("a guest let into a second room gets in at once, and keeps the first room's pass", async () => {
    const owner = await signedIn(server, database, 'host');
    const first = await createRoom(owner);
    const second = await createRoom(owner);
    const guest = new Session(server);
    expect((await join(guest, first, await invite(owner, first, true), 'Gus')).status).toBe(200);
    expect(await socketOutcome(guest, first)).toBe('open');
    expect(await socketOutcome(guest, second)).toBe(CloseCode.Forbidden);
    expect((await join(guest, second, await invite(owner, second, true), 'Gus')).status).toBe(200);
    expect(await socketOutcome(guest, second)).toBe('open');
    expect(await socketOutcome(guest, first)).toBe('open');
  });
});
