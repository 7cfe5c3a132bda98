import {
  loginSchema,
  publicUserSchema,
  REGISTRATION_MODES,
  registerSchema,
  roleSchema,
  SSO_PROVIDERS,
} from '../auth.ts';
import { z } from '../zodMini.ts';
import { type ApiRoute, isoTimeSchema, json, noContent } from './apiRoute.ts';

/** Query of GET /api/users. */
export const userListQuerySchema = z.object({
  q: z.optional(z.string().check(z.maxLength(100))),
  page: z._default(z.coerce.number().check(z.int(), z.gte(1)), 1),
  pageSize: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
});
/** PATCH /api/users/:id: a new role, or disabling (or enabling) the account. */
export const userChangeSchema = z.strictObject({ role: z.optional(roleSchema), disabled: z.optional(z.boolean()) });
export const signupInviteInputSchema = z.strictObject({
  role: z._default(roleSchema, 'member'),
  expiresInDays: z._default(z.number().check(z.int(), z.gte(1), z.lte(90)), 7),
});

export const meSchema = z.object({
  user: z.nullable(publicUserSchema),
  /** A guest let in by a room invite (no account). */
  guest: z.nullable(z.object({ name: z.string() })),
  registration: z.enum(REGISTRATION_MODES),
  /** How people sign in here: passwords (false when SSO_ONLY), and the single sign-on providers offered. */
  signIn: z.object({
    passwords: z.boolean(),
    providers: z.array(z.object({ id: z.enum(SSO_PROVIDERS), name: z.string() })),
  }),
});
export const signedInSchema = z.object({ user: publicUserSchema });
/** An account as admins see it. */
export const adminUserSchema = z.extend(publicUserSchema, {
  disabled: z.boolean(),
  createdAt: isoTimeSchema,
  /** Until when failed sign-ins lock it (an admin may unlock it); null: not locked. */
  lockedUntil: z.nullable(isoTimeSchema),
});
export const userListSchema = z.object({
  items: z.array(adminUserSchema),
  /** false: the sign-in counts cannot be read now (their store is unreachable); no lock is shown. */
  locksKnown: z.boolean(),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const signupInviteSchema = z.object({
  /** Shown once: only its hash is stored. */
  token: z.string(),
  role: roleSchema,
  /** The page that registers with it. */
  path: z.string(),
  expiresAt: isoTimeSchema,
});

const userId = { id: 'An account id.' };

export const ACCOUNT_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'Who is asking: the signed-in account, a guest, or nobody; and how registration works.',
    tag: 'Accounts',
    access: 'public',
    responses: { 200: json(meSchema, 'The requester.') },
  },
  {
    method: 'post',
    path: '/api/auth/register',
    summary: 'Makes an account and signs it in.',
    description: 'With REGISTRATION=invite, `invite` is the token of a sign-up invitation, which gives the role.',
    tag: 'Accounts',
    access: 'public',
    body: { json: registerSchema },
    responses: {
      201: json(signedInSchema, 'The new account, signed in (a session cookie is set).'),
      403: 'Registration is closed, needs a valid invitation, or happens only through single sign-on (SSO_ONLY).',
      409: 'An account with this email already exists.',
    },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Signs in with email and password.',
    tag: 'Accounts',
    access: 'public',
    description:
      'With SSO_ONLY, only admins may sign in with a password (break-glass, should the provider fail); everyone else is refused with 403.',
    body: { json: loginSchema },
    responses: {
      200: json(signedInSchema, 'Signed in (a session cookie is set).'),
      401: 'Wrong email or password.',
      403: 'This account is disabled, or SSO_ONLY refuses password sign-in.',
      429: 'Too many failed sign-ins for this account or address (Retry-After says when to try again).',
      503: 'With REDIS_URL: the sign-in limits, shared by the room-servers, cannot be checked (Redis unreachable); Retry-After says when to try again.',
    },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Ends this session (its room sockets close).',
    tag: 'Accounts',
    access: 'public',
    responses: { 204: noContent('Signed out.') },
  },
  {
    method: 'post',
    path: '/api/auth/logout-all',
    summary: 'Ends every session of the signed-in account, on every device.',
    tag: 'Accounts',
    access: 'signed-in',
    responses: { 204: noContent('Every session ended.') },
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'Lists accounts, searched by name or email.',
    tag: 'Users',
    access: 'admin',
    query: userListQuerySchema,
    responses: { 200: json(userListSchema, 'One page of accounts.') },
  },
  {
    method: 'patch',
    path: '/api/users/:id',
    summary: 'Changes an account’s role, or disables or enables it (disabling ends its sessions).',
    tag: 'Users',
    access: 'admin',
    params: userId,
    body: { json: userChangeSchema },
    responses: {
      200: json(adminUserSchema, 'The account as changed.'),
      400: 'Admins cannot disable or demote themselves.',
      404: 'User not found.',
    },
  },
  {
    method: 'post',
    path: '/api/users/:id/revoke-sessions',
    summary: 'Ends every session of an account.',
    tag: 'Users',
    access: 'admin',
    params: userId,
    responses: {
      200: json(z.object({ revoked: z.number() }), 'How many sessions ended.'),
      404: 'User not found.',
    },
  },
  {
    method: 'post',
    path: '/api/signup-invites',
    summary: 'Makes an invitation to register with a given role.',
    tag: 'Users',
    access: 'admin',
    body: { json: signupInviteInputSchema },
    responses: { 201: json(signupInviteSchema, 'The invitation; its token is shown only now.') },
  },
];
