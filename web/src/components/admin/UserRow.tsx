import { ROLES, type Role } from '@codestream/shared';
import { useState } from 'preact/hooks';
import {
  createPasswordResetLink,
  type ManagedUser,
  revokeSessions,
  unlockUser,
  updateUser,
} from '../../api/userApi.ts';
import { errorMessage } from '../../lib/http.ts';
import { ROLE_LABELS } from '../../lib/roles.ts';
import type { ConfirmRequest } from '../ConfirmDialog.tsx';

/**
 * One person: role select, disable/enable, end sessions, unlock after failed sign-ins,
 * a password-reset link to pass on. Each change is saved at once.
 */
export function UserRow({
  user: initial,
  self,
  locksKnown,
  ask,
}: {
  user: ManagedUser;
  self: boolean;
  /** false: the server could not tell which accounts are locked; Unlock is offered on every row. */
  locksKnown: boolean;
  /** The page's confirmation dialog (a dialog cannot live inside a table row). */
  ask(request: ConfirmRequest): Promise<boolean>;
}) {
  const [user, setUser] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [resetLink, setResetLink] = useState<string | null>(null);

  async function act(action: () => Promise<string>) {
    setBusy(true);
    setStatus(null);
    try {
      setStatus({ tone: 'ok', text: await action() });
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  const changeRole = (role: Role) =>
    act(async () => {
      setUser(await updateUser(user.id, { role }));
      return `Role changed to ${ROLE_LABELS[role].toLowerCase()}.`;
    });

  async function toggleDisabled() {
    const disabling = !user.disabled;
    const confirmed = await ask(
      disabling
        ? {
            title: `Disable ${user.name}?`,
            body: `${user.name} is signed out everywhere and cannot sign in again until enabled. Rooms they have open disconnect.`,
            confirmLabel: 'Disable',
            danger: true,
          }
        : { title: `Enable ${user.name}?`, body: `${user.name} can sign in again.`, confirmLabel: 'Enable' },
    );
    if (!confirmed) return;
    await act(async () => {
      setUser(await updateUser(user.id, { disabled: disabling }));
      return disabling ? 'Disabled.' : 'Enabled.';
    });
  }

  async function revoke() {
    const confirmed = await ask({
      title: `Sign ${user.name} out everywhere?`,
      body: 'Every session of this account ends; they can sign in again.',
      confirmLabel: 'Sign out everywhere',
      danger: true,
    });
    if (!confirmed) return;
    await act(async () => {
      await revokeSessions(user.id);
      return 'Signed out everywhere.';
    });
  }

  const unlock = () =>
    act(async () => {
      await unlockUser(user.id);
      setUser({ ...user, lockedUntil: null });
      return 'Unlocked: they may sign in now.';
    });

  const makeResetLink = () =>
    act(async () => {
      const link = await createPasswordResetLink(user.id);
      setResetLink(new URL(link.path, window.location.origin).toString());
      const until = new Date(link.expiresAt).toLocaleString();
      const sent = link.mailed
        ? `It was mailed to ${user.email}; you may also pass it on.`
        : `Pass it on to ${user.name}.`;
      return `Reset link made; it works once, until ${until}. ${sent}`;
    });

  const roleId = `role-${user.id}`;
  return (
    <tr data-testid="admin-user-row" data-email={user.email} data-disabled={user.disabled ? 'true' : 'false'}>
      <td>
        {user.name}
        {self && <span class="muted"> (you)</span>}
      </td>
      <td class="mono">{user.email}</td>
      <td>
        <label class="sr-only" for={roleId}>
          Role of {user.name}
        </label>
        <select
          id={roleId}
          data-testid="admin-user-role"
          value={user.role}
          disabled={busy || self}
          title={self ? 'You cannot change your own role' : undefined}
          onChange={(e) => changeRole(e.currentTarget.value as Role)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span class={`pill ${user.disabled ? 'pill-danger' : 'pill-ok'}`}>{user.disabled ? 'disabled' : 'active'}</span>
        {user.lockedUntil && (
          <>
            {' '}
            <span
              class="pill pill-warn"
              data-testid="admin-user-locked"
              title="Too many failed sign-ins: the account cannot sign in until then, or until unlocked"
            >
              locked until {new Date(user.lockedUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
            </span>
          </>
        )}
        {status && (
          <span
            class={status.tone === 'error' ? 'form-error inline' : 'status-ok'}
            role={status.tone === 'error' ? 'alert' : 'status'}
            data-testid="admin-user-status"
          >
            {' '}
            {status.text}
          </span>
        )}
        {resetLink && (
          <input
            class="mono reset-link"
            readOnly
            aria-label={`Password-reset link for ${user.name}`}
            data-testid="admin-user-reset-link"
            value={resetLink}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
      </td>
      <td class="row-actions">
        <button
          type="button"
          class={`button small ${user.disabled ? '' : 'danger-outline'}`}
          data-testid="admin-user-disable"
          disabled={busy || self}
          onClick={toggleDisabled}
        >
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
        <button type="button" class="button small" data-testid="admin-user-revoke" disabled={busy} onClick={revoke}>
          Sign out everywhere
        </button>
        {(user.lockedUntil || !locksKnown) && (
          <button type="button" class="button small" data-testid="admin-user-unlock" disabled={busy} onClick={unlock}>
            Unlock
          </button>
        )}
        <button
          type="button"
          class="button small"
          data-testid="admin-user-reset"
          disabled={busy}
          onClick={makeResetLink}
        >
          Reset link
        </button>
      </td>
    </tr>
  );
}
