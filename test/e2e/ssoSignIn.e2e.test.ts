import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GithubSettings, githubProvider } from '../../room-server/src/accounts/sso/githubProvider.ts';
import { startGithubStandIn } from '../../room-server/test/ssoStandIns.ts';
import { useE2eApp } from './app.ts';
import { newPerson } from './pages.ts';

// The stand-in's addresses are known once it listens; the provider reads them when used.
const github: GithubSettings = {
  clientId: 'gh-client',
  clientSecret: '',
  authorizeUrl: '',
  tokenUrl: '',
  apiUrl: '',
  createsAccounts: true,
};
const app = useE2eApp({ sso: { ssoProviders: [githubProvider(github)] } });
let standIn: Awaited<ReturnType<typeof startGithubStandIn>>;

beforeAll(async () => {
  standIn = await startGithubStandIn();
  Object.assign(github, {
    clientSecret: standIn.clientSecret,
    authorizeUrl: standIn.authorizeUrl,
    tokenUrl: standIn.tokenUrl,
    apiUrl: standIn.apiUrl,
  });
});
afterAll(async () => {
  await standIn?.close();
});

describe('single sign-on in the browser', () => {
  it('signs in with the GitHub button, and says why when GitHub has no verified email', async () => {
    standIn.as({
      login: 'ada',
      name: 'Ada GitHub',
      emails: [{ email: 'ada@gh.example', primary: true, verified: false }],
    });
    const page = await newPerson(app.browser, app.contexts);
    await page.goto(`${app.server.url}/login?next=%2Fproblems`);
    await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
    expect(await page.getByTestId('sso-error').textContent()).toContain('no verified primary email');

    standIn.as({
      login: 'ada',
      name: 'Ada GitHub',
      emails: [{ email: 'ada@gh.example', primary: true, verified: true }],
    });
    await page.goto(`${app.server.url}/login?next=%2Fproblems`);
    await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
    await page.waitForURL(/\/problems$/);
    await page.getByTestId('user-badge').getByText('Ada GitHub').waitFor();
  });
});
