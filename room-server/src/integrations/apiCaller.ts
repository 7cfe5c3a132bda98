import { hasRole, INTEGRATION_API_PREFIX, type Role } from '@codestream/shared';
import type { Context, Middleware } from 'koa';
import type { AccountRepositories } from '../accounts/accountRepositories.ts';
import { hashToken } from '../accounts/authRoutes.ts';
import type { AuthState } from '../accounts/guards.ts';
import type { ApiTokenRepository } from './ApiTokenRepository.ts';

/**
 * Who may use the integration API, by a token's owner or a signed-in session (admins
 * always): roles an admin gives. Members are refused: registration is open by default,
 * so a member is anyone who signs up, and their code runs only in their own practice
 * rooms, one job per room at a time; the API has no such bound per room.
 */
export const API_ROLES: readonly Role[] = ['host', 'author'];

/** Who is asking, set on `ctx.state.apiCaller` for every /api/v1 request. */
export interface ApiCaller {
  /** Owns the jobs it makes (no one else reads them): `t:<tokenId>` or `u:<userId>`. */
  key: string;
  /** The account answerable: the token's owner or the signed-in person. */
  userId: string;
  /** Set for token requests: names the token in logs (never its secret). */
  tokenId: string | null;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

/** A request to the API that names a token: authenticated by it alone, never by cookies. */
export function isTokenRequest(ctx: Pick<Context, 'path' | 'get'>): boolean {
  return ctx.path.startsWith(`${INTEGRATION_API_PREFIX}/`) && ctx.get('authorization') !== '';
}

function refuse(ctx: Context, status: 401 | 403, message: string): never {
  if (status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="CodeStream API"');
  ctx.throw(status, message);
}

/**
 * Identifies the caller of an API request: `Authorization: Bearer <token>` when sent
 * (the token must be active and its owner enabled with an API role), else the session.
 */
export function apiCaller(deps: { tokens: ApiTokenRepository; users: AccountRepositories['users'] }): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    let caller: ApiCaller;
    if (header !== '') {
      const secret = BEARER.exec(header)?.[1];
      if (!secret) refuse(ctx, 401, 'Send the API token as: Authorization: Bearer <token>');
      const token = await deps.tokens.findActive(hashToken(secret));
      if (!token) refuse(ctx, 401, 'This API token is unknown or revoked');
      const owner = await deps.users.findById(token.ownerId);
      if (!owner || owner.disabled) refuse(ctx, 401, 'The account of this API token is disabled or deleted');
      if (!hasRole(owner.role, API_ROLES))
        refuse(ctx, 403, `The account of this API token (a ${owner.role}) may not use the API`);
      await deps.tokens.used(token, new Date());
      caller = { key: `t:${token._id}`, userId: owner._id, tokenId: token._id };
    } else {
      const { user } = ctx.state as AuthState;
      if (!user) refuse(ctx, 401, 'Sign in, or send an API token (Authorization: Bearer <token>)');
      if (!hasRole(user.role, API_ROLES)) refuse(ctx, 403, `Your role (${user.role}) may not use the API`);
      caller = { key: `u:${user.id}`, userId: user.id, tokenId: null };
    }
    (ctx.state as { apiCaller?: ApiCaller }).apiCaller = caller;
    await next();
  };
}

export function callerOf(ctx: Context): ApiCaller {
  const caller = (ctx.state as { apiCaller?: ApiCaller }).apiCaller;
  if (!caller) throw new Error('apiCaller middleware must run first');
  return caller;
}
