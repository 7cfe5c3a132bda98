import { describe, expect, it } from 'vitest';
import { useE2eApp } from './app.ts';
import { createInviteLink, guestJoins, hostInNewRoom, screenshot } from './pages.ts';

const app = useE2eApp();

describe('the hosts’ dashboard in the browser', () => {
  it('shows a student’s typing and run live in their room’s tile; Observe opens the room read-only', async () => {
    const host = await hostInNewRoom(app, 'Dana Host');
    const roomId = new URL(host.url()).pathname.split('/').at(-1) as string;
    const link = await createInviteLink(host, { allowGuests: true, role: 'editor' });
    const student = await guestJoins(app, link, 'Sam Student');

    await host.goto(`${app.server.url}/`);
    await host.getByTestId('nav-dashboard').click();
    await host.waitForURL(/\/dashboard$/);
    const tile = host.locator(`[data-testid="room-tile"][data-room-id="${roomId}"]`);
    await tile.getByTestId('tile-online').getByText('Sam Student').waitFor();
    expect(await tile.getByTestId('tile-run').textContent()).toBe('none');

    await student.getByTestId('editor').locator('.cm-content').click();
    await student.keyboard.press('Control+A');
    await student.keyboard.press('Delete');
    await student.keyboard.insertText('print("one")\nprint("two")\nprint("dashboard live")');
    await tile.getByTestId('tile-lines').getByText('3 lines').waitFor({ timeout: 5_000 });
    await tile.getByTestId('tile-preview').getByText('dashboard live').waitFor({ timeout: 5_000 });
    expect(await tile.getByTestId('tile-idle').textContent()).toContain('Sam Student');
    expect(await tile.getByTestId('tile-preview-lines').textContent()).toBe('Lines 1–3');

    await student.getByTestId('run').click();
    await student.getByTestId('output').getByText('dashboard live').waitFor();
    await tile.getByTestId('tile-run').getByText('Exit 0').waitFor({ timeout: 5_000 });
    await screenshot(host, 'dashboard');

    // Filters count the room; one that does not match hides it.
    await host.getByTestId('dashboard-filter-accepted').click();
    await tile.waitFor({ state: 'detached' });
    await host.getByTestId('dashboard-filter-all').click();
    await tile.waitFor();

    await tile.getByTestId('tile-observe').click();
    await host.waitForURL(new RegExp(`/r/${roomId}\\?as=viewer$`));
    await host.getByTestId('viewer-badge').waitFor();
    await host.getByTestId('connection').getByText('Live').waitFor();
    expect(await host.getByTestId('run').count()).toBe(0);
    expect(await host.getByTestId('editor').locator('.cm-content').getAttribute('contenteditable')).toBe('false');
  }, 90_000);
});
