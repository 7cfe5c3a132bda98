import type http from 'node:http';
import Keygrip from 'keygrip';
import { describe, expect, it } from 'vitest';
import { SessionIdentities } from './SessionIdentities.ts';
import type { UserRecord } from './UserRepository.ts';

const KEYS = ['current key', 'older key'];

/** An upgrade request carrying the session cookie `key`, signed with `signingKey`. */
function upgradeWith(key: string, signingKey = KEYS[0] as string): http.IncomingMessage {
  const sig = new Keygrip([signingKey]).sign(`cs.sid=${key}`);
  return { headers: { cookie: `cs.sid=${key}; cs.sid.sig=${sig}` }, socket: {} } as http.IncomingMessage;
}

function user(id: string, fields: Partial<UserRecord> = {}): UserRecord {
  return {
    _id: id,
    email: `${id}@example.org`,
    name: id,
    role: 'member',
    passwordHash: 'x',
    disabled: false,
    createdAt: new Date(),
    ...fields,
  };
}

/** Sessions and accounts in memory, counting lookups. */
function store() {
  const sessions = new Map<string, Record<string, unknown>>();
  const users = new Map<string, UserRecord>();
  const lookups = { sessions: 0, users: 0 };
  let t = 1_000_000;
  const identities = new SessionIdentities({
    sessions: {
      get: async (key) => {
        lookups.sessions++;
        return sessions.get(key) ?? null;
      },
    },
    users: {
      findById: async (id) => {
        lookups.users++;
        return users.get(id) ?? null;
      },
    },
    sessionKeys: KEYS,
    cookieName: 'cs.sid',
    ttlMs: 5_000,
    maxEntries: 100,
    now: () => t,
  });
  return { sessions, users, lookups, identities, advance: (ms: number) => (t += ms), now: () => t };
}

describe('SessionIdentities', () => {
  it('reads a signed-in session once, then answers from memory', async () => {
    const s = store();
    s.users.set('ann', user('ann'));
    s.sessions.set('k1', { passport: { user: 'ann' } });
    const first = await s.identities.identify(upgradeWith('k1'));
    expect(first).toMatchObject({ sessionKey: 'k1', user: { id: 'ann', role: 'member' } });
    expect(await s.identities.identify(upgradeWith('k1'))).toEqual(first);
    expect(s.lookups).toEqual({ sessions: 1, users: 1 });
    s.advance(5_000);
    await s.identities.identify(upgradeWith('k1'));
    expect(s.lookups).toEqual({ sessions: 2, users: 2 });
  });

  it('accepts cookies signed with an older key, and reads nothing for a forged one', async () => {
    const s = store();
    s.sessions.set('k1', { guest: { name: 'Gus', rooms: ['r1'] } });
    expect(await s.identities.identify(upgradeWith('k1', 'older key'))).toMatchObject({ guest: { name: 'Gus' } });
    const forged = await s.identities.identify(upgradeWith('k1', 'made-up key'));
    expect(forged).toEqual({ sessionKey: null });
    expect(s.lookups.sessions).toBe(1);
  });

  it('forgetUser makes a changed role count at once', async () => {
    const s = store();
    s.users.set('ann', user('ann', { role: 'admin' }));
    s.sessions.set('k1', { passport: { user: 'ann' } });
    expect((await s.identities.identify(upgradeWith('k1'))).user?.role).toBe('admin');
    s.users.set('ann', user('ann', { role: 'member' }));
    expect((await s.identities.identify(upgradeWith('k1'))).user?.role).toBe('admin');
    s.identities.forgetUser('ann');
    expect((await s.identities.identify(upgradeWith('k1'))).user?.role).toBe('member');
  });

  it('forgetSession makes a new guest pass count at once', async () => {
    const s = store();
    s.sessions.set('k1', { guest: { name: 'Gus', rooms: ['r1'] } });
    await s.identities.identify(upgradeWith('k1'));
    s.sessions.set('k1', { guest: { name: 'Gus', rooms: ['r1', 'r2'] } });
    s.identities.forgetSession('k1');
    expect((await s.identities.identify(upgradeWith('k1'))).guest?.rooms).toEqual(['r1', 'r2']);
  });

  it('treats a disabled account as nobody', async () => {
    const s = store();
    s.users.set('ann', user('ann', { disabled: true }));
    s.sessions.set('k1', { passport: { user: 'ann' } });
    expect(await s.identities.identify(upgradeWith('k1'))).toEqual({ sessionKey: 'k1' });
  });

  it('stops answering for a session once koa-session would call it expired', async () => {
    const s = store();
    s.users.set('ann', user('ann'));
    s.sessions.set('k1', { passport: { user: 'ann' }, _expire: s.now() + 2_000 });
    expect((await s.identities.identify(upgradeWith('k1'))).user?.id).toBe('ann');
    s.advance(2_000);
    expect((await s.identities.identify(upgradeWith('k1'))).user).toBeUndefined();
  });

  it('serves what the session store just wrote or read, without a lookup', async () => {
    const s = store();
    s.users.set('ann', user('ann'));
    s.identities.rememberWrite('k1', { guest: { name: 'Gus', rooms: ['r1'] } });
    s.identities.rememberRead('k2', { passport: { user: 'ann' } }, s.identities.readStarting());
    expect((await s.identities.identify(upgradeWith('k1'))).guest).toEqual({ name: 'Gus', rooms: ['r1'] });
    expect((await s.identities.identify(upgradeWith('k2'))).user?.id).toBe('ann');
    expect(s.lookups).toEqual({ sessions: 0, users: 1 });
  });

  it('does not keep a read that overlapped a write: the read may hold the older session', async () => {
    const s = store();
    const startedAt = s.identities.readStarting();
    s.sessions.set('k1', { guest: { name: 'Gus', rooms: ['r1', 'r2'] } });
    s.identities.rememberWrite('k1', { guest: { name: 'Gus', rooms: ['r1', 'r2'] } });
    s.identities.rememberRead('k1', { guest: { name: 'Gus', rooms: ['r1'] } }, startedAt);
    expect((await s.identities.identify(upgradeWith('k1'))).guest?.rooms).toEqual(['r1', 'r2']);
    const forgotten = s.identities.readStarting();
    s.identities.forgetSession('k1');
    s.identities.rememberRead('k1', { guest: { name: 'Gus', rooms: ['r1'] } }, forgotten);
    expect((await s.identities.identify(upgradeWith('k1'))).guest?.rooms).toEqual(['r1', 'r2']);
    expect(s.lookups.sessions).toBe(1);
  });

  it('reads an account once for all of its sessions, and again once forgotten', async () => {
    const s = store();
    s.users.set('ann', user('ann'));
    for (const key of ['k1', 'k2', 'k3']) s.identities.rememberWrite(key, { passport: { user: 'ann' } });
    for (const key of ['k1', 'k2', 'k3']) await s.identities.identify(upgradeWith(key));
    expect(s.lookups.users).toBe(1);
    s.users.set('ann', user('ann', { disabled: true }));
    s.identities.forgetUser('ann');
    expect((await s.identities.identify(upgradeWith('k2'))).user).toBeUndefined();
  });
});
