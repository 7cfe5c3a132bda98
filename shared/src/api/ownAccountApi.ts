import { passwordSchema, personNameSchema, publicUserSchema } from '../auth.ts';
import { z } from '../zodMini.ts';
import { type ApiRoute, isoTimeSchema, itemsOf, json, noContent } from './apiRoute.ts';

/** PATCH /api/account: what a person may change of their own account. */
export const accountChangeSchema = z.strictObject({ name: personNameSchema });
/** POST /api/account/password: the current password is needed when the account has one. */
export const passwordChangeSchema = z.strictObject({
  currentPassword: z.optional(z.string().check(z.maxLength(256))),
  newPassword: passwordSchema,
});
/** GET /api/account. */
export const ownAccountSchema = z.object({
  user: publicUserSchema,
  /** False for an account made by single sign-on that never set a password. */
  hasPassword: z.boolean(),
});
/** One sign-in of the person, as their account page lists it. */
export const ownSessionSchema = z.object({
  /** Names the session here; not its cookie. */
  id: z.string(),
  /** The browser's User-Agent when it signed in (cut to 200 characters). */
  device: z.string(),
  createdAt: z.nullable(isoTimeSchema),
  lastSeenAt: z.nullable(isoTimeSchema),
  /** The session of the request. */
  current: z.boolean(),
});
/** POST /api/users/:id/password-reset. */
export const passwordResetInputSchema = z.strictObject({
  expiresInHours: z._default(z.number().check(z.int(), z.gte(1), z.lte(168)), 24),
});
export const passwordResetLinkSchema = z.object({
  /** The page that sets a new password with it; shown once (only its hash is stored). */
  path: z.string(),
  expiresAt: isoTimeSchema,
  /** Whether it was also mailed to the account (SMTP_URL set, and the SMTP server took it). */
  mailed: z.boolean(),
});
/** POST /api/auth/password-reset. */
export const passwordResetSchema = z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(100)),
  password: passwordSchema,
});

const provider = { provider: 'The sign-in provider: `oidc` (OpenID Connect) or `github`.' };
/** A redirect; its body is a line of text naming where to (as Koa writes it). */
const redirect = (description: string) => ({
  contentType: 'text/plain',
  description,
  headers: { Location: 'Where the browser goes next.' },
});

export const OWN_ACCOUNT_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/auth/sso/:provider',
    summary:
      'Starts single sign-on: sends the browser to the provider (authorization code with PKCE, state and nonce).',
    description:
      '`next` is a path of this site to return to afterwards. 404 when the provider is not configured (OIDC_ISSUER, GITHUB_CLIENT_ID).',
    tag: 'Accounts',
    access: 'public',
    params: provider,
    query: z.object({ next: z.optional(z.string().check(z.maxLength(2000))) }),
    responses: { 302: redirect('To the provider’s sign-in page.'), 404: 'No such provider is configured.' },
  },
  {
    method: 'get',
    path: '/api/auth/sso/:provider/callback',
    summary: 'Where the provider sends the browser back: signs in the account with that verified email, or makes it.',
    description:
      'Success goes to the `next` path given at the start; a failure (state mismatch, unverified email, no account while registration is not open, disabled account) goes to `/login?error=…` saying why.',
    tag: 'Accounts',
    access: 'public',
    params: provider,
    query: z.object({
      code: z.optional(z.string()),
      state: z.optional(z.string()),
      error: z.optional(z.string()),
    }),
    responses: { 302: redirect('Signed in and back to the page, or to the sign-in page with the reason.') },
  },
  {
    method: 'post',
    path: '/api/auth/password-reset',
    summary: 'Sets a new password with a reset link an admin made; the link works once, until it expires.',
    description: 'Ends every session of the account and lifts its sign-in lock.',
    tag: 'Accounts',
    access: 'public',
    body: { json: passwordResetSchema },
    responses: { 204: noContent('The new password is set.'), 410: 'The link is unknown, used or expired.' },
  },
  {
    method: 'get',
    path: '/api/account',
    summary: 'The signed-in person’s own account.',
    tag: 'Accounts',
    access: 'signed-in',
    responses: { 200: json(ownAccountSchema, 'The account.') },
  },
  {
    method: 'patch',
    path: '/api/account',
    summary: 'Changes the signed-in person’s name.',
    tag: 'Accounts',
    access: 'signed-in',
    body: { json: accountChangeSchema },
    responses: { 200: json(publicUserSchema, 'The account as changed.') },
  },
  {
    method: 'post',
    path: '/api/account/password',
    summary: 'Changes the signed-in person’s password; their other sessions end.',
    tag: 'Accounts',
    access: 'signed-in',
    body: { json: passwordChangeSchema },
    responses: {
      204: noContent('Changed.'),
      403: 'The current password is wrong, or SSO_ONLY keeps passwords for admins.',
    },
  },
  {
    method: 'get',
    path: '/api/account/sessions',
    summary: 'The signed-in person’s sessions: device, when made, when last seen.',
    tag: 'Accounts',
    access: 'signed-in',
    responses: { 200: json(itemsOf(ownSessionSchema), 'Newest first.') },
  },
  {
    method: 'delete',
    path: '/api/account/sessions/:id',
    summary: 'Ends one of the signed-in person’s sessions (that browser is signed out, its room sockets close).',
    tag: 'Accounts',
    access: 'signed-in',
    params: { id: 'A session id from GET /api/account/sessions.' },
    responses: { 204: noContent('Ended.'), 404: 'No such session of yours.' },
  },
  {
    method: 'post',
    path: '/api/account/sessions/end-others',
    summary: 'Ends every session of the signed-in person but this one.',
    tag: 'Accounts',
    access: 'signed-in',
    responses: { 200: json(z.object({ ended: z.number() }), 'How many sessions ended.') },
  },
  {
    method: 'post',
    path: '/api/users/:id/unlock',
    summary: 'Lifts the lock that failed sign-ins put on an account, so it may sign in at once.',
    tag: 'Users',
    access: 'admin',
    params: { id: 'An account id.' },
    responses: { 204: noContent('Unlocked.'), 404: 'User not found.' },
  },
  {
    method: 'post',
    path: '/api/users/:id/password-reset',
    summary:
      'Makes a link that sets a new password for an account, once, before it expires (for the admin to pass on).',
    tag: 'Users',
    access: 'admin',
    params: { id: 'An account id.' },
    body: { json: passwordResetInputSchema },
    responses: { 201: json(passwordResetLinkSchema, 'The link; shown only now.'), 404: 'User not found.' },
  },
];
