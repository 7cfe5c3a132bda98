import { execFile } from 'node:child_process';
import { CloseCode, DocKeys } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type WebSocket from 'ws';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createRoom,
  createTestJudge,
  invite,
  join,
  openTestDatabase,
  Session,
  signedIn,
  socketOutcome,
  startTestServer,
  waitFor,
} from './harness.ts';

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

describe('room access', () => {
  it('lets in the owner and invited members, not other accounts or strangers', async () => {
    const host = await signedIn(server, database, 'host');
    const roomId = await createRoom(host);
    const outsider = await signedIn(server, database, 'member');
    expect(await socketOutcome(host, roomId)).toBe('open');
    expect(await socketOutcome(outsider, roomId)).toBe(CloseCode.Forbidden);
    expect(await socketOutcome(new Session(server), roomId)).toBe(CloseCode.Forbidden);
    expect((await outsider.fetch(`/api/rooms/${roomId}`)).status).toBe(404);

    const token = await invite(host, roomId);
    expect((await outsider.fetch(`/api/rooms/${roomId}?invite=${token}`)).status).toBe(200);
    expect((await join(outsider, roomId, token)).status).toBe(200);
    expect(await socketOutcome(outsider, roomId)).toBe('open');
  });

  it('refuses a socket opened by a page of another site, even with a valid session', async () => {
    const host = await signedIn(server, database, 'host');
    const roomId = await createRoom(host);
    expect(await socketOutcome(host, roomId, 'http://evil.example')).toBe(CloseCode.Forbidden);
  });

  it('lets guests in only through an invite that allows guests, under the name they give', async () => {
    const host = await signedIn(server, database, 'host', 'Hana');
    const roomId = await createRoom(host);
    const membersOnly = await invite(host, roomId, false);
    const forGuests = await invite(host, roomId, true);

    const guest = new Session(server);
    expect((await join(guest, roomId, membersOnly, 'Gil')).status).toBe(401);
    expect((await join(guest, roomId, forGuests)).status).toBe(400);
    expect(await socketOutcome(guest, roomId)).toBe(CloseCode.Forbidden);
    expect((await join(guest, roomId, forGuests, 'Gil')).status).toBe(200);
    expect(((await (await guest.fetch('/api/auth/me')).json()) as { guest: { name: string } }).guest.name).toBe('Gil');

    // The guest runs code; the run is attributed to the name they gave.
    const owner = connectClient(server, roomId, host);
    const gil = connectClient(server, roomId, guest);
    await Promise.all([owner.synced, gil.synced]);
    gil.send({ type: 'run' });
    await waitFor(() => owner.messages.some((m) => m.message.type === 'run-started'), 10_000, 'run');
    const started = owner.messages.find((m) => m.message.type === 'run-started')?.message;
    expect(started).toMatchObject({ run: { startedBy: 'Gil' } });
    owner.close();
    gil.close();

    // A guest pass is for that room only.
    const otherRoom = await createRoom(host);
    expect(await socketOutcome(guest, otherRoom)).toBe(CloseCode.Forbidden);
  });

  it('rejects expired and forged invitations', async () => {
    const host = await signedIn(server, database, 'host');
    const roomId = await createRoom(host);
    const member = await signedIn(server, database, 'member');
    expect((await join(member, roomId, 'forged-token')).status).toBe(404);
    const token = await invite(host, roomId);
    await database.db
      .collection('rooms')
      .updateOne({ _id: roomId as never }, { $set: { 'invites.0.expiresAt': new Date(Date.now() - 1000) } });
    expect((await join(member, roomId, token)).status).toBe(404);
  });

  it('disabling an account ends its sessions and closes its open room sockets', async () => {
    const admin = await signedIn(server, database, 'admin');
    const host = await signedIn(server, database, 'host');
    const roomId = await createRoom(host);
    const member = await signedIn(server, database, 'member', 'Mo');
    await join(member, roomId, await invite(host, roomId));
    const owner = connectClient(server, roomId, host);
    const mo = connectClient(server, roomId, member);
    await Promise.all([owner.synced, mo.synced]);
    const closed = new Promise<number>((resolve) =>
      (mo.provider.ws as unknown as WebSocket).once('close', (code: number) => resolve(code)),
    );

    const res = await admin.fetch(`/api/users/${member.account.id}`, { method: 'PATCH', json: { disabled: true } });
    expect(res.status).toBe(200);
    expect(await closed).toBe(CloseCode.AccountDisabled);
    expect(((await (await member.fetch('/api/auth/me')).json()) as { user: unknown }).user).toBeNull();
    expect(await socketOutcome(member, roomId)).toBe(CloseCode.Forbidden);
    // The owner's socket is untouched.
    owner.doc.getText(DocKeys.code).insert(0, '#');
    expect(owner.provider.wsconnected).toBe(true);
    mo.close();
    owner.close();
  });
});

describe('npm run create-admin', () => {
  it('creates an admin from the command line with the password read from stdin', async () => {
    const dbName = `t_admin_${Date.now()}`;
    const output = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        'node_modules/.bin/tsx',
        ['room-server/src/createAdmin.ts', '--email', 'root@example.org', '--name', 'Root'],
        { env: { ...process.env, MONGODB_URI: inject('mongoUri'), MONGODB_DB: dbName } },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      );
      child.stdin?.end('a very long admin password\n');
    });
    expect(output).toContain('Admin root@example.org created.');
    const { openDatabase } = await import('../src/database.ts');
    const db = await openDatabase({ uri: inject('mongoUri'), dbName });
    try {
      expect(await db.users.findByEmail('root@example.org')).toMatchObject({ role: 'admin', name: 'Root' });
      expect((await db.users.findByEmail('root@example.org'))?.passwordHash).toMatch(/^scrypt\$/);
    } finally {
      await db.close();
    }
  });
});
