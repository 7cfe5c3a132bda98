import http from 'node:http';
import Cookies from 'cookies';
import Keygrip from 'keygrip';
import { LoadingCache } from '../cache/LoadingCache.ts';
import type { AuthState, Guest } from './guards.ts';
import type { SessionRepository } from './SessionRepository.ts';
import { toPublicUser, type UserRepository } from './UserRepository.ts';

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

/** What a session says of who holds it, as of when it was read or written. */
interface SessionFacts {
  /** koa-session's own expiry of the session (`_expire`), if it set one. */
  expiresAt: number;
  userId?: string;
  guest?: Guest;
}

/** The fields koa-session and passport keep in a session (see createAuth). */
interface SessionData {
  _expire?: unknown;
  passport?: { user?: unknown };
  guest?: Guest;
}

const NOBODY: SessionFacts = { expiresAt: Number.POSITIVE_INFINITY };

/**
 * Who is opening a room socket, read straight from the signed session cookie: the
 * session (and the account it names) instead of the Koa session and passport
 * middleware, and nothing written back (no renewal per socket: the page's own HTTP
 * requests renew the session). Every session the store reads or writes for a page's
 * HTTP requests is remembered here, so the sockets a page opens next need no lookup;
 * sessions not seen lately (everyone reconnecting after a restart) are read once.
 * Accounts are kept apart, one entry per person. Whatever changes who a session is must
 * reach this class: the session store's writes, and AccessChanges (forgetUser).
 */
export class SessionIdentities {
  private readonly keys: Keygrip;
  private readonly sessions: LoadingCache<SessionFacts>;
  private readonly users: LoadingCache<AuthState['user'] | null>;
  private readonly now: () => number;
  /** Counts session writes and forgets, so a read that overlapped one is not remembered. */
  private changes = 0;

  constructor(private readonly options: SessionIdentitiesOptions) {
    this.keys = new Keygrip(options.sessionKeys);
    this.now = options.now ?? Date.now;
    const cacheOptions = { ttlMs: options.ttlMs, maxEntries: options.maxEntries, now: this.now };
    this.sessions = new LoadingCache(cacheOptions);
    this.users = new LoadingCache(cacheOptions);
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
    let facts = await this.sessions.get(sessionKey, () => this.load(sessionKey));
    if (facts.expiresAt <= this.now()) {
      this.sessions.forget(sessionKey);
      facts = await this.sessions.get(sessionKey, () => this.load(sessionKey));
    }
    if (facts.userId) {
      const userId = facts.userId;
      const user = await this.users.get(userId, async () => {
        const record = await this.options.users.findById(userId);
        // As deserializeUser: a disabled or deleted account is nobody.
        return record && !record.disabled ? toPublicUser(record) : null;
      });
      if (user) return { user, sessionKey };
    }
    return { guest: facts.guest, sessionKey };
  }

  /** Call before the session store reads a session; pass the answer to `rememberRead`. */
  readStarting(): number {
    return this.changes;
  }

  /**
   * The session store read `data` for `sessionKey` (null: there is none). Kept unless a
   * session was written or forgotten since `readStarting`: the read may predate that change.
   */
  rememberRead(sessionKey: string, data: Record<string, unknown> | null, startedAt: number): void {
    if (startedAt === this.changes) this.sessions.remember(sessionKey, this.factsOf(data));
  }

  /** The session store wrote `data` for `sessionKey`. */
  rememberWrite(sessionKey: string, data: Record<string, unknown>): void {
    this.changes++;
    this.sessions.remember(sessionKey, this.factsOf(data));
  }

  /** The session ended: its next socket reads it again. */
  forgetSession(sessionKey: string): void {
    this.changes++;
    this.sessions.forget(sessionKey);
  }

  /** A person's account changed (role, disabled) or their sessions ended. */
  forgetUser(userId: string): void {
    this.changes++;
    this.users.forget(userId);
    this.sessions.forgetWhere((facts) => facts.userId === userId);
  }

  /** Every session and account: changes made on other servers may have been missed. */
  forgetAll(): void {
    this.changes++;
    this.users.forgetWhere(() => true);
    this.sessions.forgetWhere(() => true);
  }

  private async load(sessionKey: string): Promise<SessionFacts> {
    return this.factsOf(await this.options.sessions.get(sessionKey));
  }

  private factsOf(stored: Record<string, unknown> | null): SessionFacts {
    const data = stored as SessionData | null;
    const expiresAt = typeof data?._expire === 'number' ? data._expire : Number.POSITIVE_INFINITY;
    // What koa-session would do with an expired session: treat it as none.
    if (!data || expiresAt <= this.now()) return NOBODY;
    const userId = data.passport?.user;
    return {
      expiresAt,
      ...(typeof userId === 'string' ? { userId } : {}),
      ...(data.guest ? { guest: data.guest } : {}),
    };
  }
}
