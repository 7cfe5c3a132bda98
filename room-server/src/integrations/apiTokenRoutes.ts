import { randomBytes, randomUUID } from 'node:crypto';
import {
  API_TOKEN_PREFIX,
  type ApiToken,
  type ApiTokenCreated,
  apiTokenInputSchema,
  hasRole,
  type PublicUser,
} from '@codestream/shared';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { AccountRepositories } from '../accounts/accountRepositories.ts';
import { hashToken } from '../accounts/authRoutes.ts';
import { currentUser, requireRole } from '../accounts/guards.ts';
import type { UserRecord } from '../accounts/UserRepository.ts';
import { parseOr400 } from '../http/validation.ts';
import type { ApiTokenRecord, ApiTokenRepository } from './ApiTokenRepository.ts';
import { API_ROLES } from './apiCaller.ts';

/** Characters of the secret kept to recognise a token by (of 46: the prefix and 7 random ones). */
const HINT_CHARS = 10;

function tokenView(record: ApiTokenRecord, owner: UserRecord | null): ApiToken {
  return {
    id: record._id,
    name: record.name,
    hint: `${record.hint}…`,
    owner: owner
      ? { id: owner._id, name: owner.name, email: owner.email }
      : { id: record.ownerId, name: '(deleted account)', email: '' },
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    revokedAt: record.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Admins make, list and revoke the integration API's tokens. A token acts for an owner
 * account and works while that account is enabled with an API role; its secret is shown
 * once and stored only hashed.
 */
export function apiTokenRoutes(deps: { tokens: ApiTokenRepository; users: AccountRepositories['users'] }): Router {
  const { tokens, users } = deps;
  const router = new Router({ prefix: '/api/admin/api-tokens' });
  router.use(requireRole('admin'));

  router.post('/', async (ctx) => {
    const input = parseOr400(apiTokenInputSchema, ctx.request.body ?? {});
    const me = currentUser(ctx) as PublicUser;
    const owner = await users.findById(input.ownerId ?? me.id);
    if (!owner || owner.disabled) throw createHttpError(400, 'The owner must be an enabled account');
    if (!hasRole(owner.role, API_ROLES)) {
      throw createHttpError(
        400,
        `A token acts for its owner, and a ${owner.role} may not use the API: choose a host, author or admin`,
      );
    }
    const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record: ApiTokenRecord = {
      _id: randomUUID(),
      hash: hashToken(secret),
      name: input.name,
      hint: secret.slice(0, HINT_CHARS),
      ownerId: owner._id,
      createdBy: me.id,
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await tokens.insert(record);
    ctx.status = 201;
    ctx.body = { ...tokenView(record, owner), token: secret } satisfies ApiTokenCreated;
  });

  router.get('/', async (ctx) => {
    const records = await tokens.list();
    const ownerIds = [...new Set(records.map((r) => r.ownerId))];
    const owners = new Map(
      (await Promise.all(ownerIds.map((id) => users.findById(id)))).flatMap((u) => (u ? [[u._id, u] as const] : [])),
    );
    ctx.body = { items: records.map((r) => tokenView(r, owners.get(r.ownerId) ?? null)) };
  });

  router.delete('/:id', async (ctx) => {
    const record = await tokens.revoke(ctx.params.id ?? '');
    if (!record) throw createHttpError(404, 'API token not found');
    ctx.body = tokenView(record, await users.findById(record.ownerId));
  });

  return router;
}
