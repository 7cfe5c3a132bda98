import type { Context } from 'koa';

/**
 * This site's origin for links that leave it (a provider's redirect URI, a mailed link):
 * PUBLIC_URL's, or else the request's own scheme and Host (X-Forwarded-* with TRUST_PROXY).
 * Not Koa 3's `ctx.origin`, which is the request's Origin header: the sender's, and absent
 * or "null" on a navigation.
 */
export function siteOrigin(ctx: Context, publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).origin : `${ctx.protocol}://${ctx.host}`;
}
