import { describe, expect, it } from 'vitest';
import { createUser } from '../../room-server/test/harness.ts';
import { useE2eApp } from './app.ts';
import { createInviteLink, newPerson, signIn, waitUntilLive } from './pages.ts';

const app = useE2eApp();

describe('accounts in the browser', () => {
  it('registers, signs out, shows the server’s errors, and ends a disabled person’s room', async () => {
    // Registration: the server's per-field error, then success and the header saying who this is.
    const newcomer = await newPerson(app.browser, app.contexts);
    await newcomer.goto(`${app.server.url}/register?next=/problems`);
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
    await newcomer.goto(`${app.server.url}/login`);
    await newcomer.getByTestId('login-email').fill('nia@example.org');
    await newcomer.getByTestId('login-password').fill('not the passphrase');
    await newcomer.getByTestId('login-submit').click();
    expect(await newcomer.getByTestId('login-error').textContent()).toContain('Wrong email or password.');

    // A member is told rooms are opened by hosts; an admin disables them while they are in a room.
    const [hostAccount, memberAccount, adminAccount] = await Promise.all([
      createUser(app.database, { role: 'host', name: 'Hoa Host' }),
      createUser(app.database, { role: 'member', name: 'Mo Member' }),
      createUser(app.database, { role: 'admin', name: 'Ari Admin' }),
    ]);
    const host = await newPerson(app.browser, app.contexts);
    await signIn(host, app.server.url, hostAccount);
    await host.getByTestId('create-room').click();
    await waitUntilLive(host);
    const link = await createInviteLink(host, { allowGuests: false });

    const member = await newPerson(app.browser, app.contexts);
    await signIn(member, app.server.url, memberAccount);
    await member.getByTestId('host-only-note').waitFor();
    await member.goto(link);
    await member.getByTestId('join-submit').click();
    await waitUntilLive(member);

    const admin = await newPerson(app.browser, app.contexts);
    await signIn(admin, app.server.url, adminAccount);
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
