import { calculatePKCECodeChallenge } from 'openid-client';
import type { SsoAttempt, SsoIdentity, SsoProvider } from './SsoProvider.ts';
import { SsoError } from './SsoProvider.ts';

export interface GithubSettings {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  apiUrl: string;
  /** Whether a GitHub sign-in may make an account (REGISTRATION=open): anyone has a GitHub account. */
  createsAccounts: boolean;
}

/** How long a call to GitHub may take. */
const GITHUB_TIMEOUT_MS = 10_000;

interface GithubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * Sign-in with GitHub: OAuth 2 (not OpenID Connect), so no ID token. The code is
 * exchanged (with its PKCE verifier) for a token, with which /user gives the name and
 * /user/emails the primary email, used only when GitHub has verified it.
 */
export function githubProvider(settings: GithubSettings): SsoProvider {
  async function call<T>(url: string, init: RequestInit): Promise<T> {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(GITHUB_TIMEOUT_MS) });
    if (!res.ok) throw new SsoError(`GitHub answered ${res.status}.`);
    return (await res.json()) as T;
  }

  return {
    id: 'github',
    name: 'GitHub',
    createsAccounts: settings.createsAccounts,
    async authorizationUrl(attempt: SsoAttempt) {
      const url = new URL(settings.authorizeUrl);
      url.search = new URLSearchParams({
        client_id: settings.clientId,
        redirect_uri: attempt.redirectUri,
        scope: 'read:user user:email',
        state: attempt.state,
        code_challenge: await calculatePKCECodeChallenge(attempt.verifier),
        code_challenge_method: 'S256',
        allow_signup: 'false',
      }).toString();
      return url;
    },
    async identity(callback: URL, attempt: SsoAttempt): Promise<SsoIdentity> {
      const code = callback.searchParams.get('code');
      if (!code) throw new SsoError('GitHub sent no code.');
      const token = await call<{ access_token?: string; error?: string }>(settings.tokenUrl, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          code,
          redirect_uri: attempt.redirectUri,
          code_verifier: attempt.verifier,
        }),
      });
      if (!token.access_token) throw new SsoError(`GitHub refused the sign-in (${token.error ?? 'no token'}).`);
      const headers = {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token.access_token}`,
        'x-github-api-version': '2022-11-28',
      };
      const api = settings.apiUrl.replace(/\/+$/, '');
      const [user, emails] = await Promise.all([
        call<{ login?: string; name?: string | null }>(`${api}/user`, { headers }),
        call<GithubEmail[]>(`${api}/user/emails`, { headers }),
      ]);
      const primary = Array.isArray(emails) ? emails.find((e) => e.primary && e.verified) : undefined;
      if (!primary) throw new SsoError('Your GitHub account has no verified primary email.');
      return { email: primary.email, name: user.name || user.login || '' };
    },
  };
}
