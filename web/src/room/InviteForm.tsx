import type { RoomRole } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { createRoomInvite, type RoomInvite } from '../api/roomApi.ts';
import { copyText } from '../lib/clipboard.ts';
import { formatDateTime } from '../lib/format.ts';
import { errorMessage } from '../lib/http.ts';
import { canHostRooms } from '../lib/roles.ts';
import { useSession } from '../session/SessionContext.tsx';
import { InviteList } from './InviteList.tsx';

/**
 * For the room's owner (and admins): makes an invitation link, optionally open to people
 * without an account, and copies it. Each click makes a new link; older ones keep working
 * until they expire.
 */
export function InviteForm({ roomId, onClose }: { roomId: string; onClose(): void }) {
  const [allowGuests, setAllowGuests] = useState(false);
  const [role, setRole] = useState<RoomRole>('editor');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invite, setInvite] = useState<(RoomInvite & { url: string; copied: boolean }) | null>(null);
  /** Links made in this dialog: the list below shows each new one. */
  const [made, setMade] = useState(0);
  // Members invite friends with accounts, as editors or viewers: guests and hosts need a host.
  const host = canHostRooms(useSession().me?.user?.role);

  async function onCreate(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createRoomInvite(roomId, allowGuests, role);
      const url = `${window.location.origin}${created.path}`;
      setInvite({ ...created, url, copied: await copyText(url) });
      setMade((count) => count + 1);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form onSubmit={onCreate} class="stack">
        <h2 id="invite-title">Invite people</h2>
        <p class="muted">
          Anyone with the link can join this room. Signed-in people become members
          {host
            ? '; with guests allowed, people without an account join under a name they choose.'
            : ' (guests without an account need a host to invite them).'}
        </p>
        {host && (
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid="invite-allow-guests"
              checked={allowGuests}
              onChange={(e) => {
                setAllowGuests(e.currentTarget.checked);
                setInvite(null);
              }}
            />
            Allow guests without an account
          </label>
        )}
        <label class="field">
          <span class="field-label">They join as</span>
          <select
            data-testid="invite-role"
            value={role}
            onChange={(e) => {
              setRole(e.currentTarget.value as RoomRole);
              setInvite(null);
            }}
          >
            {INVITE_ROLES.filter((option) => host || option.role !== 'host').map((option) => (
              <option key={option.role} value={option.role}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p class="form-error" role="alert" data-testid="invite-error">
            {error}
          </p>
        )}
        {invite && (
          <div class="field">
            <label class="field-label" for="invite-link">
              Invitation link for {roleLabel(invite.role)}
              {invite.allowGuests ? ' (guests allowed)' : ''}
            </label>
            <div class="copy-row">
              <input
                id="invite-link"
                type="text"
                readOnly
                class="mono"
                data-testid="invite-link"
                value={invite.url}
                onFocus={(e) => e.currentTarget.select()}
              />
              <button
                type="button"
                class="button"
                data-testid="invite-copy"
                onClick={async () => {
                  const copied = await copyText(invite.url);
                  setInvite({ ...invite, copied });
                }}
              >
                Copy
              </button>
            </div>
            <p class="field-hint" aria-live="polite" data-testid="invite-status">
              {invite.copied ? 'Copied to the clipboard. ' : 'Select the link and copy it. '}
              Valid until {formatDateTime(invite.expiresAt)}.
            </p>
          </div>
        )}
        <div class="form-actions">
          <button type="button" class="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" class="button primary" data-testid="invite-create" disabled={busy}>
            {busy ? 'Creating…' : invite ? 'Create another link' : 'Create link'}
          </button>
        </div>
      </form>
      <InviteList roomId={roomId} version={made} />
    </>
  );
}

/** What each role may do, in the words the invite form uses. */
const INVITE_ROLES: { role: RoomRole; label: string }[] = [
  { role: 'editor', label: 'Editor: edits the code, runs and submits' },
  { role: 'viewer', label: 'Viewer: watches only' },
  { role: 'host', label: 'Host: everything, as you (a co-interviewer)' },
];

function roleLabel(role: RoomRole): string {
  return { editor: 'editors', viewer: 'viewers', host: 'hosts' }[role];
}
