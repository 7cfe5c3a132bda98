import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubProvider } from '../src/accounts/sso/githubProvider.ts';
import { oidcProvider } from '../src/accounts/sso/oidcProvider.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import type { Logger } from '../src/log/logger.ts';
import { createTestJudge, createUser, openTestDatabase, Session, startTestServer } from './harness.ts';
import { followSignIn } from './ssoBrowser.ts';
import { startGithubStandIn, startOidcIssuer } from './ssoStandIns.ts';

/**
 * Single sign-on end to end: a real OpenID provider (oidc-provider) and a GitHub
 * stand-in on loopback ports, the real server and database.
 */
const judge = createTestJudge();
let database: Database;
let server: RoomServer;
let ssoOnlyServer: RoomServer;
let issuer: Awaited<ReturnType<typeof startOidcIssuer>>;
let github: Awaited<ReturnType<typeof startGithubStandIn>>;
const logged: string[] = [];
const recordingLog: Logger = {
  info: (fields, message) => logged.push(JSON.stringify({ fields, message })),
  warn: (fields, message) => logged.push(JSON.stringify({ fields, message })),
  error: (fields, message) => logged.push(JSON.stringify({ fields, message })),
};

beforeAll(async () => {
  database = await openTestDatabase();
  [issuer, github] = await Promise.all([startOidcIssuer(), startGithubStandIn()]);
  const providers = [
    oidcProvider({
      issuer: issuer.issuer,
      clientId: issuer.clientId,
      clientSecret: issuer.clientSecret,
      name: 'Acme ID',
    }),
    githubProvider({
      clientId: 'gh-client',
      clientSecret: github.clientSecret,
      authorizeUrl: github.authorizeUrl,
      tokenUrl: github.tokenUrl,
      apiUrl: github.apiUrl,
      createsAccounts: true,
    }),
  ];
  server = await startTestServer({ database, judge, log: recordingLog, sso: { ssoProviders: providers } });
  ssoOnlyServer = await startTestServer({
    database,
    judge,
    log: recordingLog,
    sso: { ssoProviders: providers, ssoOnly: true },
  });
  issuer.start([server.url, ssoOnlyServer.url].map((url) => `${url}/api/auth/sso/oidc/callback`));
});
afterAll(async () => {
  await ssoOnlyServer?.close();
  await server?.close();
  await issuer?.close();
  await github?.close();
  await judge.close();
  await database?.close();
});

type Me = { user: { id: string; email: string; name: string; role: string } | null; signIn: unknown };
const me = async (session: Session) => (await (await session.fetch('/api/auth/me')).json()) as Me;

describe('OpenID Connect', () => {
  it('makes the account on first sign-in and signs the same account in the next time', async () => {
    issuer.signInAs({ sub: 'u-1', email: 'Grace@Acme.example', emailVerified: true, name: 'Grace Hopper' });
    const trace: URL[] = [];
    const first = new Session(server);
    await first.fetch('/api/auth/sso/oidc?next=/problems');
    const before = first.cookieHeader;
    const landed = await followSignIn(first, '/api/auth/sso/oidc?next=/problems', trace);
    // The signed-in session has a new key (passport's login regenerates it): one planted before stays signed out.
    expect(first.cookieHeader).not.toBe(before);
    const planted = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: before } });
    expect(((await planted.json()) as Me).user).toBeNull();
    expect(landed.pathname).toBe('/problems');
    const authorize = trace.find((url) => url.origin === issuer.issuer && url.searchParams.has('client_id'));
    expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize?.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(authorize?.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    const made = (await me(first)).user;
    expect(made).toMatchObject({ email: 'grace@acme.example', name: 'Grace Hopper', role: 'member' });

    const again = new Session(server);
    await followSignIn(again, '/api/auth/sso/oidc');
    expect((await me(again)).user?.id).toBe(made?.id);
  });

  it('signs in an account made with a password by its verified email', async () => {
    const account = await createUser(database, { role: 'host' });
    issuer.signInAs({ sub: 'u-2', email: account.email, emailVerified: true, name: 'Someone Else' });
    const session = new Session(server);
    await followSignIn(session, '/api/auth/sso/oidc');
    expect((await me(session)).user).toMatchObject({ id: account.id, role: 'host' });
  });

  it('refuses an email the provider has not verified, and makes no account', async () => {
    issuer.signInAs({ sub: 'u-3', email: 'mallory@acme.example', emailVerified: false, name: 'Mallory' });
    const session = new Session(server);
    const landed = await followSignIn(session, '/api/auth/sso/oidc');
    expect(landed.pathname).toBe('/login');
    expect(landed.searchParams.get('error')).toMatch(/verified email/);
    expect((await me(session)).user).toBeNull();
    expect(await database.users.findByEmail('mallory@acme.example')).toBeNull();
  });

  it('refuses a callback whose state this browser did not start, and a replayed one', async () => {
    issuer.signInAs({ sub: 'u-1', email: 'grace@acme.example', emailVerified: true, name: 'Grace Hopper' });
    const trace: URL[] = [];
    await followSignIn(new Session(server), '/api/auth/sso/oidc', trace);
    const callback = trace.find((url) => url.pathname === '/api/auth/sso/oidc/callback');
    if (!callback) throw new Error('no callback seen');
    // Another browser (an attacker's link), then the same URL again: both refused.
    const stranger = new Session(server);
    const res = await stranger.fetch(`${callback.pathname}${callback.search}`);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location') ?? '', server.url).searchParams.get('error')).toMatch(
      /did not start here/,
    );
    expect((await me(stranger)).user).toBeNull();
  });

  it('404s a provider that is not configured', async () => {
    expect((await new Session(server).fetch('/api/auth/sso/saml')).status).toBe(404);
  });
});

describe('GitHub', () => {
  it('makes the account from the verified primary email, then signs the same account in', async () => {
    github.as({
      login: 'linus',
      name: 'Linus T',
      emails: [
        { email: 'old@example.org', primary: false, verified: true },
        { email: 'Linus@Kernel.example', primary: true, verified: true },
      ],
    });
    const first = new Session(server);
    const landed = await followSignIn(first, '/api/auth/sso/github?next=/classes');
    expect(landed.pathname).toBe('/classes');
    const made = (await me(first)).user;
    expect(made).toMatchObject({ email: 'linus@kernel.example', name: 'Linus T', role: 'member' });
    const sent = github.tokenRequests.at(-1);
    expect(sent?.get('code_verifier')).toMatch(/^[\w-]{43}$/);
    expect(sent?.get('redirect_uri')).toBe(`${server.url}/api/auth/sso/github/callback`);

    const again = new Session(server);
    await followSignIn(again, '/api/auth/sso/github');
    expect((await me(again)).user?.id).toBe(made?.id);
  });

  it('sends the provider back to this site, whatever Origin the request carries', async () => {
    const res = await new Session(server).fetch('/api/auth/sso/github', {
      headers: { origin: 'https://evil.example' },
    });
    const authorize = new URL(res.headers.get('location') ?? '');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.url}/api/auth/sso/github/callback`);
  });

  it('refuses an account whose primary email GitHub has not verified', async () => {
    github.as({ login: 'eve', name: null, emails: [{ email: 'eve@example.org', primary: true, verified: false }] });
    const session = new Session(server);
    const landed = await followSignIn(session, '/api/auth/sso/github');
    expect(landed.searchParams.get('error')).toMatch(/no verified primary email/);
    expect((await me(session)).user).toBeNull();
  });
});

describe('SSO_ONLY', () => {
  it('refuses password sign-in and registration, lets an admin in with a password, offers the providers', async () => {
    const member = await createUser(database, { role: 'member' });
    const refused = await new Session(ssoOnlyServer).fetch('/api/auth/login', {
      method: 'POST',
      json: { email: member.email, password: member.password },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'This server signs in only through Acme ID or GitHub.',
    );
    const wrong = await new Session(ssoOnlyServer).fetch('/api/auth/login', {
      method: 'POST',
      json: { email: member.email, password: 'not the password' },
    });
    expect(wrong.status).toBe(403);
    const register = await new Session(ssoOnlyServer).fetch('/api/auth/register', {
      method: 'POST',
      json: { email: 'new@example.org', name: 'New', password: 'a long passphrase' },
    });
    expect(register.status).toBe(403);

    const admin = await createUser(database, { role: 'admin' });
    await new Session(ssoOnlyServer).signIn(admin.email, admin.password);

    const answer = await me(new Session(ssoOnlyServer));
    expect(answer.signIn).toEqual({
      passwords: false,
      providers: [
        { id: 'oidc', name: 'Acme ID' },
        { id: 'github', name: 'GitHub' },
      ],
    });
  });

  it('signs in through the provider', async () => {
    issuer.signInAs({ sub: 'u-1', email: 'grace@acme.example', emailVerified: true, name: 'Grace Hopper' });
    const session = new Session(ssoOnlyServer);
    await followSignIn(session, '/api/auth/sso/oidc');
    expect((await me(session)).user?.email).toBe('grace@acme.example');
  });
});

describe('secrets', () => {
  it('never sends the client secrets to a browser or writes them to the log', async () => {
    const page = await (await new Session(server).fetch('/api/auth/me')).text();
    for (const secret of [issuer.clientSecret, github.clientSecret]) {
      expect(page).not.toContain(secret);
      expect(logged.join('\n')).not.toContain(secret);
    }
  });
});
