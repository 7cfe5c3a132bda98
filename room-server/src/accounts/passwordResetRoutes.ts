import { randomBytes } from 'node:crypto';
import type { PublicUser } from '@codestream/shared';
import { passwordResetInputSchema, passwordResetSchema } from '@codestream/shared/api';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import { siteOrigin } from '../http/siteOrigin.ts';
import { parseOr400 } from '../http/validation.ts';
import type { Logger } from '../log/logger.ts';
import type { AccessChanges } from './AccessChanges.ts';
import type { AccountRepositories } from './accountRepositories.ts';
import { hashToken } from './authRoutes.ts';
import { currentUser, requireRole } from './guards.ts';
import type { LoginLimiter } from './LoginLimiter.ts';
import { hashPassword } from './passwords.ts';
import type { ResetMailer } from './ResetMailer.ts';

export interface PasswordResetRoutesOptions {
  database: AccountRepositories;
  access: AccessChanges;
  limiter: LoginLimiter;
  /** With SMTP_URL: mails each link to its account as well. */
  mailer?: ResetMailer;
  /** PUBLIC_URL, the origin of mailed links; unset: the request's. */
  publicUrl?: string;
  log: Logger;
}

/**
 * Password-reset links: an admin makes one for an account and passes it on; it sets a
 * new password once, before it expires, and signs the account out everywhere.
 */
export function passwordResetRoutes(options: PasswordResetRoutesOptions): Router {
  const { database, access, limiter, mailer, log } = options;
  const router = new Router({ prefix: '/api' });

  router.post('/users/:id/password-reset', requireRole('admin'), async (ctx) => {
    const input = parseOr400(passwordResetInputSchema, ctx.request.body ?? {});
    const user = await database.users.findById(ctx.params.id ?? '');
    if (!user) throw createHttpError(404, 'User not found');
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + input.expiresInHours * 3_600_000);
    await database.passwordResets.create({
      _id: hashToken(token),
      userId: user._id,
      createdBy: (currentUser(ctx) as PublicUser).id,
      expiresAt,
      usedAt: null,
    });
    const path = `/reset-password?token=${token}`;
    let mailed = false;
    if (mailer) {
      const link = `${siteOrigin(ctx, options.publicUrl)}${path}`;
      try {
        await mailer.sendResetLink(user, link, expiresAt);
        mailed = true;
      } catch (err) {
        // The admin still has the link to pass on; the answer says it was not mailed.
        log.warn({ err, userId: user._id }, 'password-reset mail not sent');
      }
    }
    ctx.status = 201;
    ctx.body = { path, expiresAt: expiresAt.toISOString(), mailed };
  });

  router.post('/auth/password-reset', async (ctx) => {
    const input = parseOr400(passwordResetSchema, ctx.request.body ?? {});
    // Hashed before the link is spent: a slow hash after it cannot leave it used with no password set.
    const passwordHash = await hashPassword(input.password);
    const reset = await database.passwordResets.redeem(hashToken(input.token));
    const user = reset ? await database.users.update(reset.userId, { passwordHash }) : null;
    if (!user)
      throw createHttpError(410, 'This reset link is unknown, used or expired. Ask an administrator for a new one.');
    await database.sessions.destroyByUser(user._id);
    access.sessionsRevoked(user._id);
    await limiter.unlock(user.email);
    ctx.status = 204;
  });

  return router;
}
