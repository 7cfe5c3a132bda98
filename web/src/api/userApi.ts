import { type Role, roleSchema } from '@codestream/shared';
import * as z from 'zod/mini';
import { type Fetch, queryString, request, requestJson } from '../lib/http.ts';

const managedUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  /** Until when failed sign-ins lock the account; null: not locked. */
  lockedUntil: z.nullable(z.string()),
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

const userPageSchema = z.object({
  items: z.array(managedUserSchema),
  /** false: the server could not read the sign-in locks; none is shown. */
  locksKnown: z.boolean(),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type UserPage = z.infer<typeof userPageSchema>;

const signupInviteSchema = z.object({ token: z.string(), role: roleSchema, path: z.string(), expiresAt: z.string() });
export type SignupInvite = z.infer<typeof signupInviteSchema>;

export function listUsers(
  query: { q?: string; page?: number; pageSize?: number },
  signal?: AbortSignal,
  fetchImpl?: Fetch,
) {
  return requestJson(userPageSchema, `/api/users${queryString(query)}`, { signal, fetchImpl });
}

export function updateUser(id: string, change: { role?: Role; disabled?: boolean }, fetchImpl?: Fetch) {
  return requestJson(managedUserSchema, `/api/users/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    json: change,
    fetchImpl,
  });
}

export async function revokeSessions(id: string, fetchImpl?: Fetch): Promise<void> {
  await request(`/api/users/${encodeURIComponent(id)}/revoke-sessions`, { method: 'POST', fetchImpl });
}

export function createSignupInvite(role: Role, expiresInDays: number, fetchImpl?: Fetch) {
  return requestJson(signupInviteSchema, '/api/signup-invites', {
    method: 'POST',
    json: { role, expiresInDays },
    fetchImpl,
  });
}

export async function unlockUser(id: string, fetchImpl?: Fetch): Promise<void> {
  await request(`/api/users/${encodeURIComponent(id)}/unlock`, { method: 'POST', fetchImpl });
}

const passwordResetLinkSchema = z.object({ path: z.string(), expiresAt: z.string(), mailed: z.boolean() });

/** A one-use link that sets a new password, for the admin to pass on. */
export function createPasswordResetLink(id: string, fetchImpl?: Fetch) {
  return requestJson(passwordResetLinkSchema, `/api/users/${encodeURIComponent(id)}/password-reset`, {
    method: 'POST',
    json: {},
    fetchImpl,
  });
}
