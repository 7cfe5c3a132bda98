import http from 'node:http';
import Cookies from 'cookies';
import Keygrip from 'keygrip';
import { LoadingCache } from '../cache/LoadingCache.ts';
import type { SessionRepository } from '../db/SessionRepository.ts';
import { toPublicUser, type UserRepository } from '../db/UserRepository.ts';
import type { AuthState, Guest } from './guards.ts';

export interface SessionIdentitiesOptions {
  sessions: Pick<SessionRepository, 'get'>;
  users: Pick<UserRepository, 'findById'>;
  /** The keys koa-session signs its cookie with (first signs, all verify). */
  sessionKeys: string[];
  cookieName: string;
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/** Who a session is, as of when it was read. */
interface Identity extends AuthState {
  /** koa-session's own expiry of the session (`_expire`), if it set one. */
  expiresAt: number;
}

/** The fields koa-session and passport keep in a session (see createAuth). */
interface SessionData {
  _expire?: unknown;
  passport?: { user?: unknown };
  guest?: Guest;
}

/**
 * Who is opening a room socket, read straight from the signed session cookie: one
 * session lookup (and the account it names) instead of the Koa session and passport
 * middleware, and nothing written back (no renewal per socket: the page's own HTTP
 * requests renew the session). Answers are kept for a few seconds, because a page opens
 * its sockets together and a restart reconnects everyone at once; whatever changes who
 * a session is must forget it here (the session store's writes, and AccessChanges).
 */
export class SessionIdentities {
  private readonly keys: Keygrip;
  private readonly cache: LoadingCache<Identity>;
  private readonly now: () => number;

  constructor(private readonly options: SessionIdentitiesOptions) {
    this.keys = new Keygrip(options.sessionKeys);
    this.now = options.now ?? Date.now;
    this.cache = new LoadingCache({ ttlMs: options.ttlMs, maxEntries: options.maxEntries, now: this.now });
  }

  /** The session key named by the request's cookie, if its signature holds (as koa-session reads it). */
  sessionKey(req: http.IncomingMessage): string | null {
    // The response only receives a refreshed signature when an older key signed the cookie; it is dropped.
    const cookies = new Cookies(req, new http.ServerResponse(req), { keys: this.keys });
    return cookies.get(this.options.cookieName, { signed: true }) ?? null;
  }

  async identify(req: http.IncomingMessage): Promise<AuthState & { sessionKey: string | null }> {
    const sessionKey = this.sessionKey(req);
    if (!sessionKey) return { sessionKey };
    let identity = await this.cache.get(sessionKey, () => this.load(sessionKey));
    if (identity.expiresAt <= this.now()) {
      this.cache.forget(sessionKey);
      identity = await this.cache.get(sessionKey, () => this.load(sessionKey));
    }
    return { user: identity.user, guest: identity.guest, sessionKey };
  }

  /** The session changed or ended: its next socket reads it again. */
  forgetSession(sessionKey: string): void {
    this.cache.forget(sessionKey);
  }

  /** A person's account changed (role, disabled) or their sessions ended. */
  forgetUser(userId: string): void {
    this.cache.forgetWhere((identity) => identity.user?.id === userId);
  }

  private async load(sessionKey: string): Promise<Identity> {
    const data = (await this.options.sessions.get(sessionKey)) as SessionData | null;
    const expiresAt = typeof data?._expire === 'number' ? data._expire : Number.POSITIVE_INFINITY;
    // What koa-session would do with an expired session: treat it as none.
    if (!data || expiresAt <= this.now()) return { expiresAt: Number.POSITIVE_INFINITY };
    const userId = data.passport?.user;
    if (typeof userId === 'string') {
      const user = await this.options.users.findById(userId);
      // As deserializeUser: a disabled or deleted account is nobody.
      if (user && !user.disabled) return { user: toPublicUser(user), expiresAt };
    }
    return data.guest ? { guest: data.guest, expiresAt } : { expiresAt };
  }
}
