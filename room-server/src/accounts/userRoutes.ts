import { randomBytes } from 'node:crypto';
import type { PublicUser } from '@codestream/shared';
import { signupInviteInputSchema, userChangeSchema, userListQuerySchema } from '@codestream/shared/api';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import { parseOr400 } from '../http/validation.ts';
import { LimitUnavailableError } from '../limits/LimitStore.ts';
import type { AccessChanges } from './AccessChanges.ts';
import type { AccountRepositories } from './accountRepositories.ts';
import { hashToken } from './authRoutes.ts';
import { currentUser, requireRole } from './guards.ts';
import type { LoginLimiter } from './LoginLimiter.ts';
import { toPublicUser, type UserRecord } from './UserRepository.ts';

export interface UserRoutesOptions {
  database: AccountRepositories;
  /** Ends or re-checks what a person still has open (their room sockets). */
  access: AccessChanges;
  /** Whose failed sign-ins lock accounts (admins lift the lock). */
  limiter: LoginLimiter;
}

/** Administration of people: list, change role, disable; invitations to register. */
export function userRoutes({ database, access, limiter }: UserRoutesOptions): Router {
  const router = new Router({ prefix: '/api' });
  const admin = requireRole('admin');

  /**
   * Accounts as admins see them, with until when failed sign-ins lock each. `locksKnown`
   * false: the store of those counts (Redis) is unreachable, every lock reads as none.
   */
  async function asAdminSees(users: UserRecord[]) {
    let locks: (Date | null)[];
    let locksKnown = true;
    try {
      locks = await Promise.all(users.map((u) => limiter.lockedUntil(u.email)));
    } catch (err) {
      if (!(err instanceof LimitUnavailableError)) throw err;
      locks = users.map(() => null);
      locksKnown = false;
    }
    const items = users.map((u, i) => ({
      ...toPublicUser(u),
      disabled: u.disabled,
      createdAt: u.createdAt.toISOString(),
      lockedUntil: locks[i]?.toISOString() ?? null,
    }));
    return { items, locksKnown };
  }

  router.get('/users', admin, async (ctx) => {
    const { q, page, pageSize } = parseOr400(userListQuerySchema, ctx.query);
    const { items, total } = await database.users.list({ query: q, skip: (page - 1) * pageSize, limit: pageSize });
    ctx.body = { ...(await asAdminSees(items)), total, page, pageSize };
  });

  router.patch('/users/:id', admin, async (ctx) => {
    const change = parseOr400(userChangeSchema, ctx.request.body ?? {});
    const me = currentUser(ctx) as PublicUser;
    if (ctx.params.id === me.id && (change.disabled || (change.role && change.role !== 'admin'))) {
      throw createHttpError(400, 'You cannot disable or demote yourself; ask another admin.');
    }
    const user = await database.users.update(ctx.params.id ?? '', change);
    if (!user) throw createHttpError(404, 'User not found');
    if (change.disabled) {
      await database.sessions.destroyByUser(user._id);
      access.userDisabled(user._id);
    } else {
      // A new role, or an account enabled again: what sockets remember of it is stale.
      access.userChanged(user._id);
    }
    ctx.body = (await asAdminSees([user])).items[0];
  });

  router.post('/users/:id/revoke-sessions', admin, async (ctx) => {
    const user = await database.users.findById(ctx.params.id ?? '');
    if (!user) throw createHttpError(404, 'User not found');
    const revoked = await database.sessions.destroyByUser(user._id);
    access.sessionsRevoked(user._id);
    ctx.body = { revoked };
  });

  router.post('/users/:id/unlock', admin, async (ctx) => {
    const user = await database.users.findById(ctx.params.id ?? '');
    if (!user) throw createHttpError(404, 'User not found');
    await limiter.unlock(user.email);
    ctx.status = 204;
  });

  router.post('/signup-invites', admin, async (ctx) => {
    const input = parseOr400(signupInviteInputSchema, ctx.request.body ?? {});
    const token = randomBytes(18).toString('base64url');
    const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
    await database.signupInvites.create({
      _id: hashToken(token),
      role: input.role,
      createdBy: (currentUser(ctx) as PublicUser).id,
      expiresAt,
      usedBy: null,
    });
    ctx.status = 201;
    ctx.body = { token, role: input.role, path: `/register?invite=${token}`, expiresAt: expiresAt.toISOString() };
  });

  return router;
}
