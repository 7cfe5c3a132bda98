import type { PublicUser } from '@codestream/shared';
import { accountChangeSchema, passwordChangeSchema } from '@codestream/shared/api';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { Context } from 'koa';
import { parseOr400 } from '../http/validation.ts';
import type { AccessChanges } from './AccessChanges.ts';
import type { AccountRepositories } from './accountRepositories.ts';
import { hashToken } from './authRoutes.ts';
import type { Auth } from './createAuth.ts';
import { currentUser, requireUser } from './guards.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { toPublicUser } from './UserRepository.ts';

export interface OwnAccountRoutesOptions {
  auth: Auth;
  database: AccountRepositories;
  access: AccessChanges;
  /** SSO_ONLY: only admins keep passwords (their break-glass way in). */
  ssoOnly: boolean;
}

const me = (ctx: Context) => currentUser(ctx) as PublicUser;
const isoOrNull = (value: unknown) => (typeof value === 'number' ? new Date(value).toISOString() : null);

/** What people manage of their own account: name, password, sessions. Each route is theirs only. */
export function ownAccountRoutes({ auth, database, access, ssoOnly }: OwnAccountRoutesOptions): Router {
  const router = new Router({ prefix: '/api/account' });
  router.use(requireUser);

  const record = async (ctx: Context) => {
    const user = await database.users.findById(me(ctx).id);
    if (!user) throw createHttpError(401, 'Sign in first');
    return user;
  };

  /** Ends every session of the requester but this one; how many ended. */
  const endOthers = async (ctx: Context) => {
    const current = auth.sessionKey(ctx);
    const others = (await database.sessions.listByUser(me(ctx).id)).filter((s) => s._id !== current);
    for (const session of others) {
      await auth.destroySession(session._id);
      access.sessionEnded(session._id);
    }
    return others.length;
  };

  router.get('/', async (ctx) => {
    const user = await record(ctx);
    ctx.body = { user: toPublicUser(user), hasPassword: user.passwordHash !== '' };
  });

  router.patch('/', async (ctx) => {
    const { name } = parseOr400(accountChangeSchema, ctx.request.body ?? {});
    const user = await database.users.update(me(ctx).id, { name });
    if (!user) throw createHttpError(401, 'Sign in first');
    // Sockets show the name they were opened with until they reconnect: the next join reads it afresh.
    access.userChanged(user._id);
    ctx.body = toPublicUser(user);
  });

  router.post('/password', async (ctx) => {
    const input = parseOr400(passwordChangeSchema, ctx.request.body ?? {});
    const user = await record(ctx);
    if (ssoOnly && user.role !== 'admin')
      throw createHttpError(403, 'Passwords are not used here: sign in with single sign-on.');
    if (user.passwordHash !== '' && !(await verifyPassword(input.currentPassword ?? '', user.passwordHash))) {
      ctx.throw(403, 'The current password is wrong.');
    }
    await database.users.update(user._id, { passwordHash: await hashPassword(input.newPassword) });
    // Whoever knew the old password is signed out; this browser stays in.
    await endOthers(ctx);
    ctx.status = 204;
  });

  router.get('/sessions', async (ctx) => {
    const current = auth.sessionKey(ctx);
    const sessions = await database.sessions.listByUser(me(ctx).id);
    const items = sessions.map((session) => ({
      id: hashToken(session._id),
      device: typeof session.data.device === 'string' ? session.data.device : 'unknown',
      createdAt: session.createdAt?.toISOString() ?? null,
      lastSeenAt: isoOrNull(session.data.seenAt),
      current: session._id === current,
    }));
    items.sort((a, b) => (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? ''));
    ctx.body = { items };
  });

  router.delete('/sessions/:id', async (ctx) => {
    const sessions = await database.sessions.listByUser(me(ctx).id);
    // Sessions are named by a hash of their key: the key is a cookie and never leaves its browser.
    const session = sessions.find((s) => hashToken(s._id) === ctx.params.id);
    if (!session) throw createHttpError(404, 'No such session of yours.');
    await auth.destroySession(session._id);
    access.sessionEnded(session._id);
    if (session._id === auth.sessionKey(ctx)) ctx.session = null;
    ctx.status = 204;
  });

  router.post('/sessions/end-others', async (ctx) => {
    ctx.body = { ended: await endOthers(ctx) };
  });

  return router;
}
