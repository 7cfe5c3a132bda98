import { randomBytes } from 'node:crypto';
import { personNameSchema, SSO_PROVIDERS, type SsoProvider as SsoProviderId } from '@codestream/shared';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { siteOrigin } from '../../http/siteOrigin.ts';
import type { Logger } from '../../log/logger.ts';
import type { AccountRepositories } from '../accountRepositories.ts';
import { DuplicateEmailError, toPublicUser, type UserRecord } from '../UserRepository.ts';
import { type SsoAttempt, SsoError, type SsoProvider } from './SsoProvider.ts';

export interface SsoRoutesOptions {
  providers: readonly SsoProvider[];
  users: AccountRepositories['users'];
  /** PUBLIC_URL: the origin the providers send browsers back to; unset, the request's own. */
  publicUrl?: string;
  log: Logger;
}

/** A sign-in started but not finished within this is refused on return. */
const ATTEMPT_TTL_MS = 10 * 60_000;

/** What the session keeps of a sign-in under way (one at a time; a new start replaces it). */
interface StoredAttempt extends SsoAttempt {
  provider: SsoProviderId;
  next: string;
  startedAt: number;
}

/** A path of this site (not `//host`, not `/\host`), or `/`. */
function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && !/[\\\s]/.test(next) ? next : '/';
}

const random = () => randomBytes(32).toString('base64url');

/**
 * Single sign-on: /api/auth/sso/:provider sends the browser to the provider with a fresh
 * state, nonce and PKCE verifier kept in its session; …/callback checks them, gets the
 * verified email and signs in the account that has it (making one when the provider
 * may). Every failure lands on the sign-in page with the reason.
 */
export function ssoRoutes({ providers, users, publicUrl, log }: SsoRoutesOptions): Router {
  const router = new Router({ prefix: '/api/auth/sso' });
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  const providerOf = (ctx: Context) => {
    const id = ctx.params.provider as SsoProviderId;
    const provider = SSO_PROVIDERS.includes(id) ? byId.get(id) : undefined;
    if (!provider) ctx.throw(404, 'No such sign-in provider is configured.');
    return provider as SsoProvider;
  };
  const redirectUri = (ctx: Context, provider: SsoProvider) =>
    `${siteOrigin(ctx, publicUrl)}/api/auth/sso/${provider.id}/callback`;
  // Koa's own redirect answers in HTML or text as the request asks; one type keeps the documented answer true.
  const sendTo = (ctx: Context, url: string) => {
    ctx.redirect(url);
    ctx.type = 'text/plain';
    ctx.body = `Redirecting to ${url}`;
  };
  const fail = (ctx: Context, message: string) => sendTo(ctx, `/login?${new URLSearchParams({ error: message })}`);

  router.get('/:provider', async (ctx) => {
    const provider = providerOf(ctx);
    const attempt: StoredAttempt = {
      provider: provider.id,
      state: random(),
      nonce: random(),
      verifier: random(),
      redirectUri: redirectUri(ctx, provider),
      next: localPath(ctx.query.next),
      startedAt: Date.now(),
    };
    let url: URL;
    try {
      url = await provider.authorizationUrl(attempt);
    } catch (err) {
      if (!(err instanceof SsoError)) throw err;
      log.warn({ provider: provider.id, err: err.cause ?? err }, 'single sign-on could not start');
      return fail(ctx, err.message);
    }
    (ctx.session as { sso?: StoredAttempt }).sso = attempt;
    sendTo(ctx, url.toString());
  });

  router.get('/:provider/callback', async (ctx) => {
    const provider = providerOf(ctx);
    const session = ctx.session as { sso?: StoredAttempt } | null;
    const attempt = session?.sso;
    // One use: a replayed callback finds nothing.
    if (session) delete session.sso;
    if (
      !attempt ||
      attempt.provider !== provider.id ||
      attempt.state !== ctx.query.state ||
      Date.now() - attempt.startedAt > ATTEMPT_TTL_MS
    ) {
      return fail(ctx, `The sign-in with ${provider.name} expired or did not start here. Try again.`);
    }
    if (typeof ctx.query.error === 'string') return fail(ctx, `${provider.name} did not sign you in.`);
    let identity: { email: string; name: string };
    try {
      identity = await provider.identity(new URL(`${attempt.redirectUri}${ctx.search}`), attempt);
    } catch (err) {
      // Never logs the tokens or the secret: only what went wrong.
      log.warn(
        { provider: provider.id, err: err instanceof SsoError ? (err.cause ?? err) : err },
        'single sign-on failed',
      );
      return fail(ctx, err instanceof SsoError ? err.message : `The sign-in with ${provider.name} failed. Try again.`);
    }
    const email = z.email().safeParse(identity.email.trim().toLowerCase());
    if (!email.success) return fail(ctx, `${provider.name} gave no usable email.`);
    const user = (await users.findByEmail(email.data)) ?? (await created(provider, email.data, identity.name));
    if (!user) return fail(ctx, `No account uses ${email.data}. Ask an administrator for one.`);
    if (user.disabled) return fail(ctx, 'This account is disabled.');
    await ctx.login(toPublicUser(user));
    sendTo(ctx, attempt.next);
  });

  async function created(provider: SsoProvider, email: string, name: string): Promise<UserRecord | null> {
    if (!provider.createsAccounts) return null;
    const parsed = z.safeParse(personNameSchema, name.slice(0, 40));
    try {
      // No password: the account signs in through the provider until its owner sets one.
      return await users.create({
        email,
        name: parsed.success ? parsed.data : email.split('@')[0]?.slice(0, 40) || 'New member',
        role: 'member',
        passwordHash: '',
      });
    } catch (err) {
      // Two sign-ins at once: the other one made it.
      if (err instanceof DuplicateEmailError) return users.findByEmail(email);
      throw err;
    }
  }

  return router;
}
