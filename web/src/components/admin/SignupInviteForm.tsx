import { ROLES, type Role } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { createSignupInvite, type SignupInvite } from '../../api/userApi.ts';
import { copyText } from '../../lib/clipboard.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ApiError, errorMessage, type FieldIssue } from '../../lib/http.ts';
import { ROLE_LABELS } from '../../lib/roles.ts';
import { FormError } from '../FormError.tsx';

/** A one-time link to register with a given role (how accounts are made when registration is by invitation). */
export function SignupInviteForm() {
  const [role, setRole] = useState<Role>('member');
  const [days, setDays] = useState('7');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);
  const [invite, setInvite] = useState<(SignupInvite & { url: string; copied: boolean }) | null>(null);

  async function onSubmit(event: Event) {
    event.preventDefault();
    const expiresInDays = Number(days);
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 90) {
      setError({ message: 'Valid for 1 to 90 days.', issues: [] });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await createSignupInvite(role, expiresInDays);
      const url = `${window.location.origin}${created.path}`;
      setInvite({ ...created, url, copied: await copyText(url) });
    } catch (err) {
      setError({ message: errorMessage(err), issues: err instanceof ApiError ? err.details : [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="signup-invite-title">
      <h2 id="signup-invite-title" class="panel-title">
        Invite someone to register
      </h2>
      <p class="muted">The link works once, and gives the new account the role you pick.</p>
      <form class="stack" onSubmit={onSubmit}>
        <div class="field-row">
          <div class="field">
            <label class="field-label" for="admin-invite-role">
              Role
            </label>
            <select
              id="admin-invite-role"
              data-testid="admin-invite-role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field-label" for="admin-invite-days">
              Valid for (days)
            </label>
            <input
              id="admin-invite-days"
              type="number"
              min={1}
              max={90}
              data-testid="admin-invite-days"
              value={days}
              onInput={(e) => setDays(e.currentTarget.value)}
            />
          </div>
        </div>
        <FormError message={error?.message ?? null} issues={error?.issues} testId="admin-invite-error" />
        <div class="form-actions start">
          <button type="submit" class="button primary" data-testid="admin-invite-create" disabled={busy}>
            {busy ? 'Creating…' : 'Create registration link'}
          </button>
        </div>
        {invite && (
          <div class="field">
            <label class="field-label" for="admin-invite-link">
              Registration link ({ROLE_LABELS[invite.role].toLowerCase()})
            </label>
            <input
              id="admin-invite-link"
              type="text"
              readOnly
              class="mono"
              data-testid="admin-invite-link"
              value={invite.url}
              onFocus={(e) => e.currentTarget.select()}
            />
            <p class="field-hint" aria-live="polite">
              {invite.copied ? 'Copied to the clipboard. ' : 'Select the link and copy it. '}Valid until{' '}
              {formatDateTime(invite.expiresAt)}.
            </p>
          </div>
        )}
      </form>
    </section>
  );
}
