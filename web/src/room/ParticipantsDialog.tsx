import type { RoomRole } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { listParticipants, removeParticipant, setParticipantRole } from '../api/roomApi.ts';
import { useResource } from '../hooks/useResource.ts';
import { errorMessage } from '../lib/http.ts';

const ROLE_LABELS: Record<RoomRole, string> = { host: 'Host', editor: 'Editor', viewer: 'Viewer' };

/**
 * For the room's hosts: everyone an invite let in, with their role, which a host can
 * change (it applies at once: their page reconnects with it) or take away (removed).
 */
export function ParticipantsDialog({ roomId, onClose }: { roomId: string; onClose(): void }) {
  const participants = useResource((signal) => listParticipants(roomId, signal), [roomId]);
  const items = participants.data;
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const error = actionError ?? participants.error;

  async function act(id: string, action: () => Promise<void>) {
    setBusy(id);
    setActionError(null);
    try {
      await action();
      participants.reload();
    } catch (err) {
      setActionError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const present = items?.filter((p) => !p.removed) ?? [];
  return (
    <div class="stack">
      <h2 id="participants-title">People in this room</h2>
      <p class="muted">
        Hosts and admins are not listed. A new role applies at once; someone removed cannot come back.
      </p>
      {error && (
        <p class="form-error" role="alert" data-testid="participants-error">
          {error}
        </p>
      )}
      {items === null && !error && <p class="muted">Loading…</p>}
      {items !== null && present.length === 0 && <p class="muted">No one has joined through an invitation yet.</p>}
      <ul class="participant-admin-list" data-testid="participants-list">
        {present.map((p) => (
          <li key={p.id} data-testid="participant-row" data-name={p.name}>
            <span>
              {p.name || 'Unnamed'}
              {p.kind === 'guest' && <span class="muted"> (guest)</span>}
            </span>
            <select
              aria-label={`Role of ${p.name}`}
              data-testid="participant-role"
              value={p.role}
              disabled={busy === p.id}
              onChange={(e) => {
                const role = e.currentTarget.value as RoomRole;
                void act(p.id, () => setParticipantRole(roomId, p.id, role));
              }}
            >
              {(Object.keys(ROLE_LABELS) as RoomRole[]).map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="button small danger"
              data-testid="participant-remove"
              disabled={busy === p.id}
              onClick={() => void act(p.id, () => removeParticipant(roomId, p.id))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div class="form-actions">
        <button type="button" class="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
