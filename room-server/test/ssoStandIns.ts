import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test's OpenID provider knows; `login` picks who signs in next. */
export interface IssuerAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A real OpenID Connect provider (oidc-provider) on a loopback port. Its sign-in page is
 * replaced by one that signs in `signInAs` at once, and consent is granted: the rest —
 * discovery, PKCE, codes, signed ID tokens, userinfo — is the library's own.
 */
export async function startOidcIssuer() {
  const server = http.createServer();
  const issuer = await listen(server);
  const accounts = new Map<string, IssuerAccount>();
  let signInAs: IssuerAccount | null = null;
  let provider: Provider | null = null;

  const clientSecret = randomBytes(24).toString('base64url');
  return {
    issuer,
    clientId: 'codestream',
    clientSecret,
    /** Who signs in at the provider next. */
    signInAs(account: IssuerAccount) {
      accounts.set(account.sub, account);
      signInAs = account;
    },
    /** Registers CodeStream's redirect URIs (known once its servers listen) and starts answering. */
    start(redirectUris: string[]) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: 'codestream',
            client_secret: clientSecret,
            redirect_uris: redirectUris,
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        pkce: { required: () => true },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: false } },
        cookies: { keys: [randomBytes(16).toString('hex')] },
        findAccount: (_ctx, sub) => {
          const account = accounts.get(sub);
          if (!account) return undefined;
          return {
            accountId: sub,
            claims: () => ({ sub, email: account.email, email_verified: account.emailVerified, name: account.name }),
          };
        },
        // Consent is given: CodeStream is the organisation's own application.
        loadExistingGrant: async (ctx) => {
          const accountId = ctx.oidc.session?.accountId;
          const clientId = ctx.oidc.client?.clientId;
          if (!accountId || !clientId) return undefined;
          const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
      });
      const current = provider;
      current.use(async (ctx, next) => {
        if (!ctx.path.startsWith('/interaction/')) return next();
        if (!signInAs) throw new Error('signInAs first');
        await current.interactionFinished(ctx.req, ctx.res, { login: { accountId: signInAs.sub } });
      });
      server.on('request', current.callback());
    },
    close: () => closeServer(server),
  };
}

/** A verified-or-not email of the GitHub stand-in's user. */
export interface GithubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * GitHub's OAuth endpoints as a stand-in on loopback (GitHub cannot be reached here): the
 * authorize page sends the browser straight back with a code; the token endpoint checks
 * the client secret, the code and its PKCE verifier; /user and /user/emails answer the
 * token it gave.
 */
export async function startGithubStandIn() {
  const clientSecret = randomBytes(24).toString('base64url');
  let user = { login: 'octo', name: 'Octo Cat' as string | null };
  let emails: GithubEmail[] = [];
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const tokens = new Set<string>();
  const tokenRequests: URLSearchParams[] = [];

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/login/oauth/authorize') {
        const code = randomBytes(12).toString('hex');
        const redirectUri = url.searchParams.get('redirect_uri') ?? '';
        codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri });
        const back = new URL(redirectUri);
        back.search = new URLSearchParams({ code, state: url.searchParams.get('state') ?? '' }).toString();
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
        let text = '';
        for await (const chunk of req) text += chunk;
        const form = new URLSearchParams(text);
        tokenRequests.push(form);
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        // GitHub answers 200 with an error field.
        if (form.get('client_secret') !== clientSecret) return send(200, { error: 'incorrect_client_credentials' });
        if (!code || code.challenge !== challenge || code.redirectUri !== form.get('redirect_uri')) {
          return send(200, { error: 'bad_verification_code' });
        }
        const token = randomBytes(12).toString('hex');
        tokens.add(token);
        return send(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
      }
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!tokens.has(token)) return send(401, { message: 'Bad credentials' });
      if (url.pathname === '/api/user') return send(200, { id: 1, ...user });
      if (url.pathname === '/api/user/emails') return send(200, emails);
      send(404, { message: 'Not Found' });
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  const base = await listen(server);
  return {
    clientSecret,
    authorizeUrl: `${base}/login/oauth/authorize`,
    tokenUrl: `${base}/login/oauth/access_token`,
    apiUrl: `${base}/api`,
    /** Every form the token endpoint received (to check what was sent). */
    tokenRequests,
    as(next: { login: string; name: string | null; emails: GithubEmail[] }) {
      user = { login: next.login, name: next.name };
      emails = next.emails;
    },
    close: () => closeServer(server),
  };
}
