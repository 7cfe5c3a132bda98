import { DockerJudge } from '@codestream/judge';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../../room-server/src/createRoomServer.ts';
import type { Database } from '../../room-server/src/db/Database.ts';
import { createUser, openTestDatabase, startTestServer } from '../../room-server/test/harness.ts';
import { launchChromium } from './browser.ts';
import { createInviteLink, newPerson, signIn, waitUntilLive } from './pages.ts';

let database: Database;
let judge: DockerJudge;
let server: RoomServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  judge = new DockerJudge({ sweepIntervalMs: 0 });
  server = await startTestServer({ database, judge, registration: 'open' });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
  await judge?.close();
  await database?.close();
});

describe('accounts in the browser', () => {
  it('registers, signs out, shows the server’s errors, and ends a disabled person’s room', async () => {
    // Registration: the server's per-field error, then success and the header saying who this is.
    const newcomer = await newPerson(browser, contexts);
    await newcomer.goto(`${server.url}/register?next=/problems`);
    await newcomer.getByTestId('register-name').fill('Nia Newcomer');
    await newcomer.getByTestId('register-email').fill('not-an-email');
    await newcomer.getByTestId('register-password').fill('a long enough passphrase');
    await newcomer.getByTestId('register-submit').click();
    await newcomer.getByTestId('register-email-error').waitFor();
    await newcomer.getByTestId('register-email').fill('nia@example.org');
    await newcomer.getByTestId('register-submit').click();
    await newcomer.waitForURL(/\/problems$/);
    expect(await newcomer.getByTestId('user-badge').textContent()).toContain('Nia Newcomer (member)');

    // Sign out, and a wrong password answered with the server's message.
    await newcomer.getByTestId('sign-out').click();
    await newcomer.getByTestId('sign-in-link').waitFor();
    await newcomer.goto(`${server.url}/login`);
    await newcomer.getByTestId('login-email').fill('nia@example.org');
    await newcomer.getByTestId('login-password').fill('not the passphrase');
    await newcomer.getByTestId('login-submit').click();
    expect(await newcomer.getByTestId('login-error').textContent()).toContain('Wrong email or password.');

    // A member is told rooms are opened by hosts; an admin disables them while they are in a room.
    const [hostAccount, memberAccount, adminAccount] = await Promise.all([
      createUser(database, { role: 'host', name: 'Hoa Host' }),
      createUser(database, { role: 'member', name: 'Mo Member' }),
      createUser(database, { role: 'admin', name: 'Ari Admin' }),
    ]);
    const host = await newPerson(browser, contexts);
    await signIn(host, server.url, hostAccount);
    await host.getByTestId('create-room').click();
    await waitUntilLive(host);
    const link = await createInviteLink(host, { allowGuests: false });

    const member = await newPerson(browser, contexts);
    await signIn(member, server.url, memberAccount);
    await member.getByTestId('host-only-note').waitFor();
    await member.goto(link);
    await member.getByTestId('join-submit').click();
    await waitUntilLive(member);

    const admin = await newPerson(browser, contexts);
    await signIn(admin, server.url, adminAccount);
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId('admin-user-search').fill(memberAccount.email);
    const row = admin.getByTestId('admin-user-row').filter({ hasText: memberAccount.email });
    await row.getByTestId('admin-user-disable').click();
    await admin.getByTestId('confirm-ok').click();
    await row.and(admin.locator('[data-disabled="true"]')).waitFor();

    await member.getByTestId('fatal').getByText('Your account has been disabled').waitFor();
    expect(await member.getByTestId('connection').getAttribute('data-state')).toBe('closed');
  });
});
