import type { RoomRole } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { type ListedInvite, listInvites, revokeInvite } from '../api/roomApi.ts';
import { useConfirm } from '../hooks/useConfirm.tsx';
import { useResource } from '../hooks/useResource.ts';
import { formatDateTime } from '../lib/format.ts';
import { errorMessage } from '../lib/http.ts';

const ROLE_NAMES: Record<RoomRole, string> = { host: 'hosts', editor: 'editors', viewer: 'viewers' };

/**
 * The room's links still letting people in, each revocable: a revoked link lets no one in,
 * and the guests who came in through it are cut off at once. `version` changes whenever a
 * new link was made, so the list shows it.
 */
export function InviteList({ roomId, version }: { roomId: string; version: number }) {
  const invites = useResource((signal) => listInvites(roomId, signal), [roomId, version]);
  const items = invites.data;
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const error = revokeError ?? invites.error;
  const { dialog, ask } = useConfirm();

  async function revoke(invite: ListedInvite) {
    const confirmed = await ask({
      title: 'Revoke this link?',
      body: `Nobody can join through it any more, and guests who joined through it lose access at once.`,
      confirmLabel: 'Revoke',
      danger: true,
    });
    if (!confirmed) return;
    setRevokeError(null);
    try {
      await revokeInvite(roomId, invite.id);
      invites.reload();
    } catch (err) {
      setRevokeError(errorMessage(err));
    }
  }

  const live = items?.filter((invite) => !invite.revoked && !invite.expired) ?? [];
  return (
    <section class="stack" aria-labelledby="invite-list-title">
      <h3 id="invite-list-title">Links that still let people in</h3>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {items !== null && live.length === 0 && <p class="muted">None.</p>}
      <ul class="participant-admin-list" data-testid="invite-list">
        {live.map((invite) => (
          <li key={invite.id} data-testid="invite-row">
            <span>
              For {ROLE_NAMES[invite.role]}
              {invite.allowGuests ? ', guests allowed' : ''}
            </span>
            <span class="muted">until {formatDateTime(invite.expiresAt)}</span>
            <button
              type="button"
              class="button small danger"
              data-testid="invite-revoke"
              onClick={() => void revoke(invite)}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {dialog}
    </section>
  );
}
