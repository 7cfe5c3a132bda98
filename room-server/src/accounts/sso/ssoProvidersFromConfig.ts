import type { RoomServerConfig } from '../../config.ts';
import { githubProvider } from './githubProvider.ts';
import { oidcProvider } from './oidcProvider.ts';
import type { SsoProvider } from './SsoProvider.ts';

/** The single sign-on providers the configuration names (checked complete by loadRoomServerConfig). */
export function ssoProvidersFromConfig(config: RoomServerConfig): SsoProvider[] {
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
