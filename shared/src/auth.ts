import { z } from './zodMini.ts';

/**
 * Roles, from most to least powerful. `admin`: everything, including users. `author`:
 * problems and their tests. `host` (interviewers, instructors): create rooms, invite,
 * see their rooms' runs. `member`: join rooms they are invited to, solve public problems.
 */
export const ROLES = ['admin', 'author', 'host', 'member'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** What the server tells a browser about the signed-in person. Never holds secrets. */
export const publicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const REGISTRATION_MODES = ['open', 'invite', 'closed'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export const emailSchema = z.string().check(z.trim(), z.toLowerCase(), z.email(), z.maxLength(254));
/** Long passphrases are welcome; the upper bound keeps the KDF's input sane. */
export const passwordSchema = z.string().check(z.minLength(10, 'at least 10 characters'), z.maxLength(256));
export const personNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));

export const registerSchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
  invite: z.optional(z.string().check(z.maxLength(100))),
});
/** Providers of single sign-on: an OpenID Connect issuer, and GitHub (OAuth 2). */
export const SSO_PROVIDERS = ['oidc', 'github'] as const;
export type SsoProvider = (typeof SSO_PROVIDERS)[number];

export const loginSchema = z.strictObject({ email: emailSchema, password: z.string().check(z.maxLength(256)) });

/** Whether `role` may do what `needed` may (admins may do everything). */
export function hasRole(role: Role, needed: readonly Role[]): boolean {
  return role === 'admin' || needed.includes(role);
}
