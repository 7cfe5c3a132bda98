import * as oidc from 'openid-client';
import type { SsoAttempt, SsoIdentity, SsoProvider } from './SsoProvider.ts';
import { SsoError } from './SsoProvider.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
}

/**
 * OpenID Connect through openid-client: discovery, authorization code with PKCE (S256),
 * state and nonce, and the ID token's signature, issuer, audience and nonce checked by
 * it. The issuer is discovered on first use (and again after a failure), so the server
 * starts while the provider is away. The issuer makes accounts: it is the organisation's
 * own directory.
 */
export function oidcProvider(settings: OidcSettings): SsoProvider {
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        // Plain http is allowed by config validation only for a provider on this machine.
        settings.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        discovered = null;
        throw new SsoError(`${settings.name} cannot be reached right now. Try again shortly.`, { cause: err });
      });
    return discovered;
  };

  return {
    id: 'oidc',
    name: settings.name,
    createsAccounts: true,
    async authorizationUrl(attempt: SsoAttempt) {
      return oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: attempt.redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier),
        code_challenge_method: 'S256',
        state: attempt.state,
        nonce: attempt.nonce,
      });
    },
    async identity(callback: URL, attempt: SsoAttempt): Promise<SsoIdentity> {
      const config = await configuration();
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new SsoError(`${settings.name} sent no ID token.`);
      // Providers that keep the ID token small give email and name from the userinfo endpoint.
      const info =
        typeof claims.email === 'string' ? claims : await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      if (typeof info.email !== 'string' || info.email_verified !== true) {
        throw new SsoError(`${settings.name} did not confirm a verified email for this account.`);
      }
      const name = typeof info.name === 'string' ? info.name : '';
      return { email: info.email, name };
    },
  };
}
