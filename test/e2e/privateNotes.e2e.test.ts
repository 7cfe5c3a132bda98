import { describe, expect, it } from 'vitest';
import { useE2eApp } from './app.ts';
import { createInviteLink, guestJoins, hostInNewRoom, waitUntilLive } from './pages.ts';

const app = useE2eApp();

describe('private notes in the browser', () => {
  it('a host writes notes and saves a scorecard; the candidate’s page never shows them', async () => {
    const host = await hostInNewRoom(app, 'Hana');
    const link = await createInviteLink(host, { allowGuests: true, role: 'editor' });

    const candidate = await guestJoins(app, link, 'Cand');
    await candidate.getByTestId('export-session').waitFor();
    expect(await candidate.getByTestId('notes-toggle').count()).toBe(0);

    await host.getByTestId('notes-toggle').click();
    const panel = host.getByTestId('notes-panel');
    await panel.getByText('Private to hosts').waitFor();
    await host.getByTestId('notes').locator('.cm-content').click();
    await host.keyboard.insertText('E2E-NOTE-MARK: asked good questions');
    await panel.getByRole('group', { name: 'Communication' }).getByLabel('4').check();
    await panel.getByLabel('Recommendation').selectOption('strong-yes');
    await panel.getByRole('button', { name: 'Save scorecard' }).click();
    await panel.getByRole('status').getByText('Saved').waitFor();

    // The notes reached the server: a reload of the host's page shows them again.
    await host.reload();
    await waitUntilLive(host);
    await host.getByTestId('notes-toggle').click();
    await host.waitForFunction(() =>
      document.querySelector('[data-testid="notes"] .cm-content')?.textContent?.includes('E2E-NOTE-MARK'),
    );
    expect(await host.getByTestId('notes-panel').getByLabel('Recommendation').inputValue()).toBe('strong-yes');

    const candidateText = await candidate.locator('body').textContent();
    expect(candidateText).not.toContain('E2E-NOTE-MARK');
    expect(await candidate.getByTestId('notes-panel').count()).toBe(0);
  });
});
