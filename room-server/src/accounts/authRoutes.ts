import { createHash } from 'node:crypto';
import {
  loginSchema,
  type PublicUser,
  type RegistrationMode,
  type Role,
  registerSchema,
  type SsoProvider,
} from '@codestream/shared';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { Context } from 'koa';
import { parseOr400 } from '../http/validation.ts';
import { LIMIT_UNAVAILABLE_RETRY_SECONDS, LimitUnavailableError } from '../limits/LimitStore.ts';
import type { AccessChanges } from './AccessChanges.ts';
import type { AccountRepositories } from './accountRepositories.ts';
import type { Auth } from './createAuth.ts';
import { type AuthState, currentUser, requireUser } from './guards.ts';
import type { LoginLimiter } from './LoginLimiter.ts';
import { hashPassword } from './passwords.ts';
import { DuplicateEmailError, toPublicUser } from './UserRepository.ts';

export interface AuthRoutesOptions {
  auth: Auth;
  database: AccountRepositories;
  limiter: LoginLimiter;
  registration: RegistrationMode;
  access: AccessChanges;
  /** SSO_ONLY: no password sign-up; password sign-in for admins only (break-glass). */
  ssoOnly: boolean;
  /** The single sign-on providers offered on the sign-in page. */
  providers: readonly { id: SsoProvider; name: string }[];
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * `work` on the sign-in limits; when they cannot be counted (Redis away) the sign-in is
 * refused with a 503 that says so: a guesser must not get uncounted attempts.
 */
async function withLimits<T>(ctx: Context, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (!(err instanceof LimitUnavailableError)) throw err;
    ctx.set('Retry-After', String(LIMIT_UNAVAILABLE_RETRY_SECONDS));
    throw createHttpError(
      503,
      'Sign-in is unavailable for a moment: the server cannot check its limits on failed sign-ins. Try again shortly.',
      { expose: true, cause: err },
    );
  }
}

export function authRoutes(options: AuthRoutesOptions): Router {
  const { auth, database, limiter, registration, access, ssoOnly } = options;
  const router = new Router({ prefix: '/api/auth' });
  const signIn = { passwords: !ssoOnly, providers: options.providers.map(({ id, name }) => ({ id, name })) };
  const ssoOnlyMessage = `This server signs in only through ${options.providers.map((p) => p.name).join(' or ')}.`;

  router.get('/me', (ctx) => {
    const state = ctx.state as AuthState;
    ctx.body = {
      user: state.user ?? null,
      guest: state.guest ? { name: state.guest.name } : null,
      registration,
      signIn,
    };
  });

  router.post('/register', async (ctx) => {
    const input = parseOr400(registerSchema, ctx.request.body ?? {});
    let role: Role = 'member';
    if (ssoOnly) ctx.throw(403, `${ssoOnlyMessage} Accounts are made on first sign-in.`);
    if (registration === 'closed') ctx.throw(403, 'Registration is closed. Ask an administrator for an account.');
    // Checked before an invitation is used up on an account that cannot be made.
    if (await database.users.findByEmail(input.email)) ctx.throw(409, 'An account with this email already exists.');
    if (registration === 'invite') {
      const invite = input.invite ? await database.signupInvites.redeem(hashToken(input.invite), input.email) : null;
      if (!invite) throw createHttpError(403, 'Registration needs a valid invitation.');
      role = invite.role;
    }
    try {
      const user = await database.users.create({
        email: input.email,
        name: input.name,
        role,
        passwordHash: await hashPassword(input.password),
      });
      await ctx.login(toPublicUser(user));
      ctx.status = 201;
      ctx.body = { user: toPublicUser(user) };
    } catch (err) {
      if (err instanceof DuplicateEmailError) ctx.throw(409, 'An account with this email already exists.');
      throw err;
    }
  });

  router.post('/login', async (ctx, next) => {
    const { email } = parseOr400(loginSchema, ctx.request.body ?? {});
    const address = ctx.ip;
    const wait = await withLimits(ctx, limiter.retryAfter(email, address));
    if (wait > 0) {
      ctx.set('Retry-After', String(wait));
      ctx.throw(429, `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`);
    }
    await auth.passport.authenticate(
      'local',
      async (err: unknown, user: PublicUser | false, info?: { message?: string }) => {
        if (err) throw err;
        // SSO_ONLY: only an admin's right password gets in; everyone else gets one answer,
        // counted as a failure, right password or not, so it tells nothing about the account.
        if (!user || (ssoOnly && user.role !== 'admin')) {
          await withLimits(ctx, limiter.recordFailure(email, address));
          if (ssoOnly) ctx.throw(403, ssoOnlyMessage);
          if (info?.message === 'disabled') ctx.throw(403, 'This account is disabled.');
          ctx.throw(401, 'Wrong email or password.');
        }
        await withLimits(ctx, limiter.recordSuccess(email));
        await ctx.login(user);
        ctx.body = { user };
      },
    )(ctx, next);
  });

  router.post('/logout', async (ctx) => {
    const sessionKey = auth.sessionKey(ctx);
    await ctx.logout();
    ctx.session = null;
    if (sessionKey) access.sessionEnded(sessionKey);
    ctx.status = 204;
  });

  router.post('/logout-all', requireUser, async (ctx) => {
    const user = currentUser(ctx) as PublicUser;
    await database.sessions.destroyByUser(user.id);
    ctx.session = null;
    access.sessionsRevoked(user.id);
    ctx.status = 204;
  });

  return router;
}
