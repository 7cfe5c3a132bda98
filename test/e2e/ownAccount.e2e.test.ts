import { describe, expect, it } from 'vitest';
import { createUser, Session } from '../../room-server/test/harness.ts';
import { useE2eApp } from './app.ts';
import { newPerson, signIn } from './pages.ts';

/** Three failed sign-ins lock an account (for the admin's unlock below). */
const app = useE2eApp({ loginLimits: { perAccount: 3, perAddress: 500, windowSeconds: 600 } });

describe('the account page and an admin’s reset link', () => {
  it('renames, ends another browser’s session, and a reset link sets a new password once', async () => {
    const [account, adminAccount] = await Promise.all([
      createUser(app.database, { role: 'member', name: 'Pat Person' }),
      createUser(app.database, { role: 'admin', name: 'Ari Admin' }),
    ]);
    const laptop = await newPerson(app.browser, app.contexts);
    const phone = await newPerson(app.browser, app.contexts);
    await signIn(laptop, app.server.url, account);
    await signIn(phone, app.server.url, account);

    await laptop.goto(`${app.server.url}/account`);
    await laptop.getByTestId('account-name').fill('Pat Renamed');
    await laptop.getByTestId('account-name-save').click();
    await laptop.getByTestId('account-name-status').getByText('Name saved.').waitFor();
    expect(await laptop.getByTestId('user-badge').textContent()).toContain('Pat Renamed');

    const other = laptop.locator('[data-testid="own-session"][data-current="false"]');
    await expect.poll(() => laptop.getByTestId('own-session').count()).toBe(2);
    await other.getByTestId('own-session-end').click();
    await expect.poll(() => laptop.getByTestId('own-session').count()).toBe(1);
    await phone.goto(`${app.server.url}/account`);
    await phone.waitForURL(/\/login\?next=%2Faccount$/);

    const admin = await newPerson(app.browser, app.contexts);
    await signIn(admin, app.server.url, adminAccount);
    await admin.goto(`${app.server.url}/admin/users`);
    await admin.getByTestId('admin-user-search').fill(account.email);
    const row = admin.getByTestId('admin-user-row').filter({ hasText: account.email });
    await row.getByTestId('admin-user-reset').click();
    const link = await row.getByTestId('admin-user-reset-link').inputValue();
    expect(link).toMatch(/\/reset-password\?token=/);

    await phone.goto(link);
    await phone.getByTestId('reset-password').fill('a fresh passphrase');
    await phone.getByTestId('reset-submit').click();
    await phone.getByTestId('reset-done').waitFor();
    await phone.goto(link);
    await phone.getByTestId('reset-password').fill('another passphrase');
    await phone.getByTestId('reset-submit').click();
    expect(await phone.getByTestId('reset-error').textContent()).toContain('used or expired');
    await signIn(phone, app.server.url, { ...account, name: 'Pat Renamed', password: 'a fresh passphrase' });
  });

  it('shows an admin which account failed sign-ins locked, and until when; Unlock lets it in again', async () => {
    const [locked, other, adminAccount] = await Promise.all([
      createUser(app.database, { role: 'member', name: 'Lou Locked' }),
      createUser(app.database, { role: 'member', name: 'Ola Other' }),
      createUser(app.database, { role: 'admin', name: 'Ada Admin' }),
    ]);
    const login = (password: string) =>
      new Session(app.server).fetch('/api/auth/login', { method: 'POST', json: { email: locked.email, password } });
    for (let i = 0; i < 3; i++) expect((await login('not the password')).status).toBe(401);
    expect((await login(locked.password)).status).toBe(429);

    const admin = await newPerson(app.browser, app.contexts);
    await signIn(admin, app.server.url, adminAccount);
    await admin.goto(`${app.server.url}/admin/users`);
    const lockedRow = admin.getByTestId('admin-user-row').filter({ hasText: locked.email });
    const otherRow = admin.getByTestId('admin-user-row').filter({ hasText: other.email });
    await expect.poll(() => lockedRow.getByTestId('admin-user-locked').textContent()).toMatch(/^locked until \d/);
    expect(await otherRow.getByTestId('admin-user-locked').count()).toBe(0);
    expect(await otherRow.getByTestId('admin-user-unlock').count()).toBe(0);

    await lockedRow.getByTestId('admin-user-unlock').click();
    await lockedRow.getByTestId('admin-user-status').getByText('Unlocked').waitFor();
    expect(await lockedRow.getByTestId('admin-user-locked').count()).toBe(0);
    expect((await login(locked.password)).status).toBe(200);
    await admin.reload();
    await otherRow.waitFor();
    expect(await lockedRow.getByTestId('admin-user-locked').count()).toBe(0);
  });
});
