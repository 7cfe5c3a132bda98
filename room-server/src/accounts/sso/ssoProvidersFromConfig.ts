import type { RegistrationMode } from '@codestream/shared';
import { githubProvider } from './githubProvider.ts';
import { oidcProvider } from './oidcProvider.ts';
import type { SsoProvider } from './SsoProvider.ts';

/** The keys of room-server's configuration (config.ts) that name the providers. */
export interface SsoConfig {
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  OIDC_NAME: string;
  GITHUB_CLIENT_ID?: string;
  GITHUB_CLIENT_SECRET?: string;
  GITHUB_AUTHORIZE_URL: string;
  GITHUB_TOKEN_URL: string;
  GITHUB_API_URL: string;
  REGISTRATION: RegistrationMode;
}

/** The single sign-on providers the configuration names (checked complete by loadRoomServerConfig). */
export function ssoProvidersFromConfig(config: SsoConfig): SsoProvider[] {
  const providers: SsoProvider[] = [];
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET) {
    providers.push(
      oidcProvider({
        issuer: config.OIDC_ISSUER,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
        name: config.OIDC_NAME,
      }),
    );
  }
  if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) {
    providers.push(
      githubProvider({
        clientId: config.GITHUB_CLIENT_ID,
        clientSecret: config.GITHUB_CLIENT_SECRET,
        authorizeUrl: config.GITHUB_AUTHORIZE_URL,
        tokenUrl: config.GITHUB_TOKEN_URL,
        apiUrl: config.GITHUB_API_URL,
        createsAccounts: config.REGISTRATION === 'open',
      }),
    );
  }
  return providers;
}
