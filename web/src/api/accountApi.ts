import { publicUserSchema } from '@codestream/shared';
import * as z from 'zod/mini';
import { type Fetch, request, requestJson } from '../lib/http.ts';

const ownAccountSchema = z.object({ user: publicUserSchema, hasPassword: z.boolean() });
export type OwnAccount = z.infer<typeof ownAccountSchema>;

const ownSessionSchema = z.object({
  id: z.string(),
  device: z.string(),
  createdAt: z.nullable(z.string()),
  lastSeenAt: z.nullable(z.string()),
  current: z.boolean(),
});
export type OwnSession = z.infer<typeof ownSessionSchema>;

export function fetchOwnAccount(signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(ownAccountSchema, '/api/account', { signal, fetchImpl });
}

export function renameAccount(name: string, fetchImpl?: Fetch) {
  return requestJson(publicUserSchema, '/api/account', { method: 'PATCH', json: { name }, fetchImpl });
}

export async function changePassword(currentPassword: string | null, newPassword: string, fetchImpl?: Fetch) {
  const json = { newPassword, ...(currentPassword !== null ? { currentPassword } : {}) };
  await request('/api/account/password', { method: 'POST', json, fetchImpl });
}

export async function listOwnSessions(signal?: AbortSignal, fetchImpl?: Fetch) {
  return (
    await requestJson(z.object({ items: z.array(ownSessionSchema) }), '/api/account/sessions', { signal, fetchImpl })
  ).items;
}

export async function endSession(id: string, fetchImpl?: Fetch): Promise<void> {
  await request(`/api/account/sessions/${encodeURIComponent(id)}`, { method: 'DELETE', fetchImpl });
}

export async function endOtherSessions(fetchImpl?: Fetch): Promise<number> {
  return (
    await requestJson(z.object({ ended: z.number() }), '/api/account/sessions/end-others', {
      method: 'POST',
      fetchImpl,
    })
  ).ended;
}

export async function resetPassword(token: string, password: string, fetchImpl?: Fetch): Promise<void> {
  await request('/api/auth/password-reset', { method: 'POST', json: { token, password }, fetchImpl });
}
