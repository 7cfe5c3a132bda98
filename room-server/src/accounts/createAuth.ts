import type http from 'node:http';
import type { PublicUser } from '@codestream/shared';
import type Koa from 'koa';
import compose from 'koa-compose';
import { KoaPassport } from 'koa-passport';
import session from 'koa-session';
import { Strategy as LocalStrategy } from 'passport-local';
import type { AccountRepositories } from './accountRepositories.ts';
import type { AuthState, Guest } from './guards.ts';
import { DUMMY_HASH_PROMISE, verifyPassword } from './passwords.ts';
import { SessionIdentities } from './SessionIdentities.ts';
import { toPublicUser } from './UserRepository.ts';

export interface AuthOptions {
  database: Pick<AccountRepositories, 'users' | 'sessions'>;
  /** Keys that sign the session cookie (first signs, all verify: rotation). */
  sessionKeys: string[];
  sessionMaxAgeMs: number;
  /** Send the cookie over HTTPS only (set when served over HTTPS). */
  cookieSecure: boolean;
  /** Called once a session is written or destroyed (after this process's own cache took it). */
  sessionWritten?(sessionKey: string): void;
}

export const SESSION_COOKIE = 'cs.sid';

/**
 * How long a room socket's view of a session (and of an account) is reused. Every change
 * this process makes reaches the cache at once (session store writes, AccessChanges);
 * this bounds how long a change made elsewhere (`create-admin` beside a running server)
 * takes to reach new sockets. HTTP requests always read the account afresh.
 */
const IDENTITY_TTL_MS = 60_000;
/** How stale a session's "last seen" may be. */
const SEEN_AT_EVERY_MS = 5 * 60_000;
/** Sessions whose identity is held at once (about 200 bytes each). */
const IDENTITY_CACHE_ENTRIES = 10_000;

export interface Auth {
  passport: InstanceType<typeof KoaPassport>;
  /** session + passport: sets ctx.state.user and ctx.state.guest. */
  middleware: Koa.Middleware;
  /**
   * The same, for a WebSocket upgrade request that never reaches Koa, with the session's
   * cookie value so that ending the session can close the socket. Reads the session
   * without the middleware and never writes it; answers are cached for a few seconds.
   */
  identify(req: http.IncomingMessage): Promise<AuthState & { sessionKey: string | null }>;
  /** Drops what `identify` knows of a person (role changed, disabled, sessions revoked). */
  forgetUser(userId: string): void;
  /** Drops what `identify` knows of a session another server wrote or destroyed. */
  forgetSession(sessionKey: string): void;
  /** Drops everything `identify` knows (changes made elsewhere may have been missed). */
  forgetAll(): void;
  /** The cookie value naming the request's session (its key in the session store). */
  sessionKey(ctx: Koa.Context): string | null;
  /** Ends a session as signing out does, whichever browser holds it (its sockets are closed by AccessChanges). */
  destroySession(sessionKey: string): Promise<void>;
}

export function createAuth(app: Koa, options: AuthOptions): Auth {
  const { database } = options;
  app.keys = options.sessionKeys;

  const passport = new KoaPassport();
  passport.use(
    new LocalStrategy({ usernameField: 'email', session: true }, (email, password, done) => {
      void (async () => {
        const user = await database.users.findByEmail(email.trim().toLowerCase());
        // Verify against a dummy hash when there is no such account, so response time
        // does not reveal which emails are registered.
        const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
        if (!user || !ok) return done(null, false);
        if (user.disabled) return done(null, false, { message: 'disabled' });
        return done(null, toPublicUser(user));
      })().catch(done);
    }),
  );
  passport.serializeUser((user, done) => done(null, (user as PublicUser).id));
  passport.deserializeUser((id: string, done) => {
    // Looked up on every request: a disabled account or changed role applies at once.
    database.users.findById(id).then(
      (user) => done(null, user && !user.disabled ? toPublicUser(user) : false),
      (err) => done(err),
    );
  });

  const identities = new SessionIdentities({
    sessions: database.sessions,
    users: database.users,
    sessionKeys: options.sessionKeys,
    cookieName: SESSION_COOKIE,
    ttlMs: IDENTITY_TTL_MS,
    maxEntries: IDENTITY_CACHE_ENTRIES,
  });
  const destroySession = async (key: string) => {
    await database.sessions.destroy(key);
    identities.forgetSession(key);
    options.sessionWritten?.(key);
  };
  const sessions = session(
    {
      key: SESSION_COOKIE,
      maxAge: options.sessionMaxAgeMs,
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      secure: options.cookieSecure,
      renew: true,
      // Every read and change of a session (sign-in, sign-out, a guest's new room pass)
      // passes here, so this is where sockets' view of it is kept current: what a page's
      // requests read is what its sockets see, and a write replaces it once stored.
      store: {
        get: async (key: string) => {
          const startedAt = identities.readStarting();
          const data = await database.sessions.get(key);
          identities.rememberRead(key, data, startedAt);
          return data;
        },
        set: async (key: string, data: Record<string, unknown>, maxAge: number | 'session') => {
          await database.sessions.set(key, data, typeof maxAge === 'number' ? maxAge : options.sessionMaxAgeMs);
          identities.rememberWrite(key, data);
          options.sessionWritten?.(key);
        },
        destroy: destroySession,
      },
    },
    app,
  );

  const exposeGuest: Koa.Middleware = async (ctx, next) => {
    const guest = ctx.session?.guest as Guest | undefined;
    if (guest && !ctx.state.user) (ctx.state as AuthState).guest = guest;
    await next();
  };

  // What a person's account page shows of each sign-in: the browser, and when it was last used.
  const trackDevice: Koa.Middleware = async (ctx, next) => {
    await next();
    const session = ctx.session;
    if (!(ctx.state as AuthState).user || !session) return;
    if (typeof session.device !== 'string') session.device = (ctx.get('user-agent') || 'unknown').slice(0, 200);
    const seenAt = session.seenAt;
    // Stored at most this often: each store is a write (and a message to the other servers).
    if (typeof seenAt !== 'number' || Date.now() - seenAt > SEEN_AT_EVERY_MS) session.seenAt = Date.now();
  };

  const sessionKey = (ctx: Koa.Context) => ctx.cookies.get(SESSION_COOKIE, { signed: true }) ?? null;
  const middleware = compose([sessions, passport.initialize(), passport.session(), exposeGuest, trackDevice]);

  return {
    passport,
    middleware,
    identify: (req) => identities.identify(req),
    forgetUser: (userId) => identities.forgetUser(userId),
    forgetSession: (sessionKey) => identities.forgetSession(sessionKey),
    forgetAll: () => identities.forgetAll(),
    sessionKey,
    destroySession,
  };
}
