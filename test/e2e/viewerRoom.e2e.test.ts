import { describe, expect, it } from 'vitest';
import { useE2eApp } from './app.ts';
import { createInviteLink, editorText, guestJoins, hostInNewRoom } from './pages.ts';

const app = useE2eApp();

describe('a viewer in the browser', () => {
  it('a guest invited as a viewer watches but cannot type or run; made an editor, they can; removed, they are told', async () => {
    const host = await hostInNewRoom(app, 'Hana');
    const link = await createInviteLink(host, { allowGuests: true, role: 'viewer' });

    const viewer = await guestJoins(app, link, 'Vic Viewer');
    await viewer.getByTestId('viewer-badge').waitFor();
    expect(await viewer.getByTestId('run').count()).toBe(0);
    expect(await viewer.getByTestId('language').count()).toBe(0);

    await host.getByTestId('editor').locator('.cm-content').click();
    await host.keyboard.press('Control+A');
    await host.keyboard.press('Delete');
    await host.keyboard.insertText('print("from the host")');
    await viewer.waitForFunction(
      (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
      'from the host',
    );

    await viewer.getByTestId('editor').locator('.cm-content').click();
    await viewer.keyboard.insertText('typed by the viewer');
    // The host's next edit arrives after the viewer's typing would have.
    await host.keyboard.insertText('\n# later');
    await viewer.waitForFunction(() =>
      document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes('# later'),
    );
    expect(await editorText(viewer)).toBe('print("from the host")\n# later');
    expect(await editorText(host)).toBe('print("from the host")\n# later');
    expect(await viewer.getByTestId('editor').locator('.cm-content').getAttribute('contenteditable')).toBe('false');

    // The host makes the viewer an editor: the viewer's page follows at once and can type.
    await host.getByTestId('participants-open').click();
    const row = host.getByTestId('participant-row').filter({ hasText: 'Vic Viewer' });
    await row.getByTestId('participant-role').selectOption('editor');
    await viewer.getByTestId('run').waitFor();
    expect(await viewer.getByTestId('viewer-badge').count()).toBe(0);
    await viewer.getByTestId('editor').locator('.cm-content').click();
    await viewer.keyboard.press('Control+End');
    await viewer.keyboard.insertText('\n# by Vic');
    await host.waitForFunction(() =>
      document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes('# by Vic'),
    );

    // Then removes them: their page says so and stops.
    await row.getByTestId('participant-remove').click();
    await viewer.getByTestId('fatal').getByText('A host removed you from this room.').waitFor();
  });

  it('the host revokes the link a guest came in through: the guest is cut off at once', async () => {
    const host = await hostInNewRoom(app, 'Hugo');
    const guestLink = await createInviteLink(host, { allowGuests: true, role: 'viewer' });
    await createInviteLink(host, { allowGuests: false, role: 'editor' });

    const guest = await guestJoins(app, guestLink, 'Greta');

    await host.getByTestId('invite-open').click();
    const rows = host.getByTestId('invite-row');
    await rows.nth(1).waitFor();
    await rows.filter({ hasText: 'For viewers, guests allowed' }).getByTestId('invite-revoke').click();
    await host.getByTestId('confirm-ok').click();
    await guest.getByTestId('fatal').getByText('A host removed you from this room.').waitFor();
    await rows.filter({ hasText: 'For viewers' }).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
  });
});
