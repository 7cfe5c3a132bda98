import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { createTestJudge, createUser, openTestDatabase, Session, signedIn, startTestServer } from './harness.ts';

let database: Database;
const judge = createTestJudge();
const servers: RoomServer[] = [];
async function start(options: Partial<Parameters<typeof startTestServer>[0]> = {}) {
  const server = await startTestServer({ database, judge, ...options });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await judge.close();
  await database.close();
});

const me = async (session: Session) =>
  (await (await session.fetch('/api/auth/me')).json()) as { user: { id: string } | null };

describe('registration and sign-in', () => {
  it('registers, signs out and signs in again; the cookie is httpOnly, SameSite=Lax and signed', async () => {
    const server = await start();
    const session = new Session(server);
    const res = await session.fetch('/api/auth/register', {
      method: 'POST',
      json: { email: 'Ada@Example.org', name: 'Ada', password: 'analytical engine' },
    });
    expect(res.status).toBe(201);
    const cookies = res.headers.getSetCookie();
    const sid = cookies.find((c) => c.startsWith('cs.sid='));
    expect(sid).toMatch(/; path=\//);
    expect(sid).toMatch(/; httponly/i);
    expect(sid).toMatch(/; samesite=lax/i);
    expect(sid).not.toMatch(/; secure/i);
    expect(cookies.some((c) => c.startsWith('cs.sid.sig='))).toBe(true);
    expect((await res.json()).user).toMatchObject({ email: 'ada@example.org', name: 'Ada', role: 'member' });
    expect((await me(session)).user).not.toBeNull();

    expect((await session.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await me(session)).user).toBeNull();
    await session.signIn('ada@example.org', 'analytical engine');
    expect((await me(session)).user).not.toBeNull();
  });

  it('marks the cookie Secure when served over HTTPS (behind a TLS proxy)', async () => {
    const server = await start({ cookieSecure: true, trustProxy: true });
    const user = await createUser(database, { role: 'member' });
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-proto': 'https',
        origin: server.url.replace('http:', 'https:'),
      },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(res.status).toBe(200);
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('cs.sid='));
    expect(sid).toMatch(/; secure/i);
    expect(sid).toMatch(/; httponly/i);
  });

  it('rejects a tampered session cookie', async () => {
    const server = await start();
    const session = await signedIn(server, database, 'member');
    const forged = new Session(server);
    const sid = session.cookieHeader.match(/cs\.sid=([^;]+)/)?.[1];
    const res = await fetch(`${server.url}/api/auth/me`, {
      headers: { cookie: `cs.sid=${sid}; cs.sid.sig=AAAAAAAAAAAAAAAAAAAAAAAAAAA` },
    });
    expect(((await res.json()) as { user: unknown }).user).toBeNull();
    expect((await me(forged)).user).toBeNull();
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const server = await start();
    const user = await createUser(database, { role: 'member' });
    const wrong = await new Session(server).fetch('/api/auth/login', {
      method: 'POST',
      json: { email: user.email, password: 'not the password' },
    });
    const unknown = await new Session(server).fetch('/api/auth/login', {
      method: 'POST',
      json: { email: 'nobody@example.org', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('signs a person out everywhere', async () => {
    const server = await start();
    const user = await createUser(database, { role: 'member' });
    const laptop = await new Session(server).signIn(user.email, user.password);
    const phone = await new Session(server).signIn(user.email, user.password);
    expect((await laptop.fetch('/api/auth/logout-all', { method: 'POST' })).status).toBe(204);
    expect((await me(phone)).user).toBeNull();
    expect((await me(laptop)).user).toBeNull();
  });

  it('ends sessions after their lifetime', async () => {
    const server = await start({ sessionMaxAgeMs: 1_000 });
    const session = await signedIn(server, database, 'member');
    expect((await me(session)).user).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await me(session)).user).toBeNull();
  });
});

describe('registration modes', () => {
  it('closed: nobody can register', async () => {
    const server = await start({ registration: 'closed' });
    const res = await new Session(server).fetch('/api/auth/register', {
      method: 'POST',
      json: { email: 'x@example.org', name: 'X', password: 'long enough password' },
    });
    expect(res.status).toBe(403);
  });

  it('invite: only with an unused admin invitation, which sets the role', async () => {
    const server = await start({ registration: 'invite' });
    const admin = await signedIn(server, database, 'admin');
    const register = (email: string, invite?: string) =>
      new Session(server).fetch('/api/auth/register', {
        method: 'POST',
        json: { email, name: 'New', password: 'long enough password', ...(invite ? { invite } : {}) },
      });
    expect((await register('a@example.org')).status).toBe(403);
    const created = await admin.fetch('/api/signup-invites', { method: 'POST', json: { role: 'author' } });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const ok = await register('b@example.org', token);
    expect(ok.status).toBe(201);
    expect((await ok.json()).user.role).toBe('author');
    expect((await register('c@example.org', token)).status).toBe(403);
  });

  it('validates fields by name', async () => {
    const server = await start();
    const res = await new Session(server).fetch('/api/auth/register', {
      method: 'POST',
      json: { email: 'not-an-email', name: '', password: 'short' },
    });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'name', 'password']));
  });
});

describe('cross-site request forgery', () => {
  it('refuses state-changing requests from another origin or without one', async () => {
    const server = await start();
    const host = await signedIn(server, database, 'host');
    const attempt = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: host.cookieHeader, ...headers },
        body: '{}',
      });
    expect((await attempt({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await attempt({ origin: 'null' })).status).toBe(403);
    expect((await attempt({})).status).toBe(403);
    expect((await attempt({ referer: 'http://evil.example/page' })).status).toBe(403);
    expect((await attempt({ referer: `${server.url}/r/x` })).status).toBe(201);
    expect((await attempt({ origin: server.url })).status).toBe(201);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const server = await start();
    const user = await createUser(database, { role: 'member' });
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(res.status).toBe(403);
  });
});

describe('sign-in rate limiting', () => {
  it('locks an account after N failures, even for the right password', async () => {
    const server = await start({ loginLimits: { perAccount: 3, perAddress: 100, windowSeconds: 60 } });
    const user = await createUser(database, { role: 'member' });
    const login = (password: string) =>
      new Session(server).fetch('/api/auth/login', { method: 'POST', json: { email: user.email, password } });
    for (let i = 0; i < 3; i++) expect((await login('wrong password')).status).toBe(401);
    const locked = await login(user.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('locks an address that guesses across accounts', async () => {
    const server = await start({ loginLimits: { perAccount: 100, perAddress: 4, windowSeconds: 60 } });
    for (let i = 0; i < 4; i++) {
      const res = await new Session(server).fetch('/api/auth/login', {
        method: 'POST',
        json: { email: `victim${i}@example.org`, password: 'guess' },
      });
      expect(res.status).toBe(401);
    }
    const user = await createUser(database, { role: 'member' });
    const res = await new Session(server).fetch('/api/auth/login', {
      method: 'POST',
      json: { email: user.email, password: user.password },
    });
    expect(res.status).toBe(429);
  });
});
