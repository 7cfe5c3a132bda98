import { hasRole, type PublicUser, type Role } from '@codestream/shared';
import type { Context, Middleware, Next } from 'koa';

/** A guest let in by a room invite that allows guests; lives only in their session. */
export interface Guest {
  /** Names the guest in the rooms they joined (absent on sessions made before room roles). */
  id?: string;
  name: string;
  /** Rooms this guest's invites opened. */
  rooms: string[];
}

/** Set by the session middleware for every request. */
export interface AuthState {
  user?: PublicUser;
  guest?: Guest;
}

export function currentUser(ctx: Context): PublicUser | undefined {
  return (ctx.state as AuthState).user;
}

/** 401 without a signed-in user; 403 when their role is not one of `roles` (admins always pass). */
export function requireRole(...roles: Role[]): Middleware {
  return async (ctx: Context, next: Next) => {
    const user = currentUser(ctx);
    if (!user) ctx.throw(401, 'Sign in first');
    else if (!hasRole(user.role, roles)) ctx.throw(403, 'Your role does not allow this');
    await next();
  };
}

/** 401 without a signed-in user (any role). */
export const requireUser: Middleware = requireRole(...(['admin', 'author', 'host', 'member'] as const));
