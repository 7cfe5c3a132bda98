import type { SsoProvider as SsoProviderId } from '@codestream/shared';

/** Who the provider says signed in: an email it has verified, and a name. */
export interface SsoIdentity {
  email: string;
  name: string;
}

/** What a sign-in keeps in the session between leaving for the provider and coming back. */
export interface SsoAttempt {
  state: string;
  nonce: string;
  /** PKCE: the secret whose hash went to the provider. */
  verifier: string;
  redirectUri: string;
}

/** One way to sign in elsewhere (OpenID Connect, GitHub). Holds the client secret; never shows it. */
export interface SsoProvider {
  id: SsoProviderId;
  /** "Sign in with <name>". */
  name: string;
  /** Whether a sign-in with an email no account has makes one. */
  createsAccounts: boolean;
  /** The provider's page to send the browser to. */
  authorizationUrl(attempt: SsoAttempt): Promise<URL>;
  /** Exchanges the code of `callback` (the URL the provider sent the browser back to) for a verified identity. */
  identity(callback: URL, attempt: SsoAttempt): Promise<SsoIdentity>;
}

/** A sign-in the provider did not complete; `message` is meant for the person. */
export class SsoError extends Error {
  readonly reason = 'sso-failed';
}
