import { CloseCode } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { createUser, roomWithPeople, Session, signedIn, socketOutcome } from './harness.ts';
import { closedWithin, openSocket } from './openSockets.ts';
import { useRoomServer } from './roomServerFixture.ts';

/** People managing their own account; admins unlocking accounts and making reset links. */
const fixture = useRoomServer({ loginLimits: { perAccount: 3, perAddress: 500, windowSeconds: 600 } });
const server = () => fixture.server;

type OwnSession = { id: string; device: string; createdAt: string | null; lastSeenAt: string | null; current: boolean };
const sessionsOf = async (session: Session) =>
  ((await (await session.fetch('/api/account/sessions')).json()) as { items: OwnSession[] }).items;
const me = async (session: Session) =>
  ((await (await session.fetch('/api/auth/me')).json()) as { user: { id: string; name: string } | null }).user;
const login = (email: string, password: string) =>
  new Session(server()).fetch('/api/auth/login', { method: 'POST', json: { email, password } });

describe('own account', () => {
  it('changes the name, and the password only with the current one (other sessions end)', async () => {
    const ann = await signedIn(server(), fixture.database, 'member', 'Ann');
    const phone = await new Session(server()).signIn(ann.account.email, ann.account.password);
    const renamed = await ann.fetch('/api/account', { method: 'PATCH', json: { name: '  Ann B.  ' } });
    expect(((await renamed.json()) as { name: string }).name).toBe('Ann B.');
    expect((await me(phone))?.name).toBe('Ann B.');

    const wrong = await ann.fetch('/api/account/password', {
      method: 'POST',
      json: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.status).toBe(403);
    const changed = await ann.fetch('/api/account/password', {
      method: 'POST',
      json: { currentPassword: ann.account.password, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(204);
    expect(await me(ann)).not.toBeNull();
    expect(await me(phone)).toBeNull();
    expect((await login(ann.account.email, ann.account.password)).status).toBe(401);
    expect((await login(ann.account.email, 'a brand new passphrase')).status).toBe(200);
  });

  it('lists its sessions with device and times, and ends one: that browser is signed out and its room sockets close', async () => {
    const { roomId, sessions } = await roomWithPeople(server(), fixture.database, ['Host', 'Bea']);
    const bea = sessions[1] as Awaited<ReturnType<typeof signedIn>>;
    const tablet = new Session(server());
    await tablet.fetch('/api/auth/login', {
      method: 'POST',
      json: { email: bea.account.email, password: bea.account.password },
      headers: { 'user-agent': 'Tablet Browser 1.0' },
    });
    await tablet.fetch('/api/auth/me', { headers: { 'user-agent': 'Tablet Browser 1.0' } });
    const socket = await openSocket(tablet, roomId);

    const listed = await sessionsOf(bea);
    expect(listed).toHaveLength(2);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    const other = listed.find((s) => !s.current);
    expect(other).toMatchObject({ device: 'Tablet Browser 1.0' });
    expect(Date.parse(other?.createdAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(other?.lastSeenAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    // Someone else's session id is not theirs to end.
    const stranger = await signedIn(server(), fixture.database, 'member');
    expect((await stranger.fetch(`/api/account/sessions/${other?.id}`, { method: 'DELETE' })).status).toBe(404);

    expect((await bea.fetch(`/api/account/sessions/${other?.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await closedWithin(socket)).toBe(CloseCode.SignedOut);
    expect(await me(tablet)).toBeNull();
    expect(await socketOutcome(tablet, roomId)).toBe(CloseCode.Forbidden);
    expect(await me(bea)).not.toBeNull();
  });

  it('ends every other session', async () => {
    const cal = await signedIn(server(), fixture.database, 'member');
    const others = [
      await new Session(server()).signIn(cal.account.email, cal.account.password),
      await new Session(server()).signIn(cal.account.email, cal.account.password),
    ];
    const res = await cal.fetch('/api/account/sessions/end-others', { method: 'POST' });
    expect(await res.json()).toEqual({ ended: 2 });
    for (const other of others) expect(await me(other)).toBeNull();
    expect(await sessionsOf(cal)).toHaveLength(1);
  });

  it('answers 401 to nobody', async () => {
    expect((await new Session(server()).fetch('/api/account/sessions')).status).toBe(401);
  });
});

describe('admins', () => {
  it('unlock an account that failed sign-ins locked', async () => {
    const admin = await signedIn(server(), fixture.database, 'admin');
    const dan = await createUser(fixture.database, { role: 'member' });
    for (let i = 0; i < 3; i++) expect((await login(dan.email, 'wrong password')).status).toBe(401);
    expect((await login(dan.email, dan.password)).status).toBe(429);
    // The admins' list says until when (the window: 600 s from the last failure).
    const listed = async () =>
      (await (await admin.fetch(`/api/users?q=${encodeURIComponent(dan.email)}`)).json()) as {
        items: { id: string; lockedUntil: string | null }[];
        locksKnown: boolean;
      };
    const before = await listed();
    expect(before.locksKnown).toBe(true);
    const until = Date.parse(before.items.find((u) => u.id === dan.id)?.lockedUntil ?? '');
    expect(until - Date.now()).toBeGreaterThan(590_000);
    expect(until - Date.now()).toBeLessThanOrEqual(600_000);
    expect((await admin.fetch(`/api/users/${dan.id}/unlock`, { method: 'POST' })).status).toBe(204);
    expect((await listed()).items.find((u) => u.id === dan.id)?.lockedUntil).toBeNull();
    expect((await login(dan.email, dan.password)).status).toBe(200);
  });

  it('make a reset link that sets a new password once, signs the account out, and expires', async () => {
    const admin = await signedIn(server(), fixture.database, 'admin');
    const eve = await signedIn(server(), fixture.database, 'member');
    const made = await admin.fetch(`/api/users/${eve.account.id}/password-reset`, { method: 'POST', json: {} });
    expect(made.status).toBe(201);
    const { path, expiresAt } = (await made.json()) as { path: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const token = new URL(path, server().url).searchParams.get('token') ?? '';
    const reset = (password: string) =>
      new Session(server()).fetch('/api/auth/password-reset', { method: 'POST', json: { token, password } });

    expect((await reset('reset passphrase one')).status).toBe(204);
    expect(await me(eve)).toBeNull();
    expect((await login(eve.account.email, 'reset passphrase one')).status).toBe(200);
    expect((await reset('reset passphrase two')).status).toBe(410);
    expect((await login(eve.account.email, 'reset passphrase two')).status).toBe(401);

    const late = await admin.fetch(`/api/users/${eve.account.id}/password-reset`, {
      method: 'POST',
      json: { expiresInHours: 1 },
    });
    const lateToken = new URL(((await late.json()) as { path: string }).path, server().url).searchParams.get('token');
    // An hour later, as the database sees it.
    await fixture.database.db
      .collection('password_resets')
      .updateMany({ userId: eve.account.id, usedAt: null }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
    const expired = await new Session(server()).fetch('/api/auth/password-reset', {
      method: 'POST',
      json: { token: lateToken, password: 'too late passphrase' },
    });
    expect(expired.status).toBe(410);
    expect((await login(eve.account.email, 'too late passphrase')).status).toBe(401);
  });

  it('are the only ones who may unlock or make reset links', async () => {
    const member = await signedIn(server(), fixture.database, 'member');
    const target = await createUser(fixture.database, { role: 'member' });
    expect((await member.fetch(`/api/users/${target.id}/unlock`, { method: 'POST' })).status).toBe(403);
    const res = await member.fetch(`/api/users/${target.id}/password-reset`, { method: 'POST', json: {} });
    expect(res.status).toBe(403);
  });
});
