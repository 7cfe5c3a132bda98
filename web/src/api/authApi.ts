import { publicUserSchema, REGISTRATION_MODES, SSO_PROVIDERS } from '@codestream/shared';
import * as z from 'zod/mini';
import { type Fetch, request, requestJson } from '../lib/http.ts';

export const meSchema = z.object({
  user: z.nullable(publicUserSchema),
  guest: z.nullable(z.object({ name: z.string() })),
  registration: z.enum(REGISTRATION_MODES),
  /** Passwords (false: single sign-on only), and the providers to sign in with. */
  signIn: z.object({
    passwords: z.boolean(),
    providers: z.array(z.object({ id: z.enum(SSO_PROVIDERS), name: z.string() })),
  }),
});
/** Who this browser is: an account, a guest of some rooms, or nobody. */
export type Me = z.infer<typeof meSchema>;

const userAnswerSchema = z.object({ user: publicUserSchema });

export function fetchMe(fetchImpl?: Fetch) {
  return requestJson(meSchema, '/api/auth/me', { fetchImpl });
}

export async function signIn(email: string, password: string, fetchImpl?: Fetch) {
  return (
    await requestJson(userAnswerSchema, '/api/auth/login', { method: 'POST', json: { email, password }, fetchImpl })
  ).user;
}

export interface Registration {
  email: string;
  name: string;
  password: string;
  invite?: string;
}

export async function register(input: Registration, fetchImpl?: Fetch) {
  const json = {
    email: input.email,
    name: input.name,
    password: input.password,
    ...(input.invite ? { invite: input.invite } : {}),
  };
  return (await requestJson(userAnswerSchema, '/api/auth/register', { method: 'POST', json, fetchImpl })).user;
}

export async function signOut(everywhere = false, fetchImpl?: Fetch): Promise<void> {
  await request(everywhere ? '/api/auth/logout-all' : '/api/auth/logout', { method: 'POST', fetchImpl });
}
