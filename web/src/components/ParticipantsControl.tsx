import type { RoomRole } from '@codestream/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { listParticipants, type RoomParticipant, removeParticipant, setParticipantRole } from '../api/roomApi.ts';
import { errorMessage } from '../lib/http.ts';

const ROLE_LABELS: Record<RoomRole, string> = { host: 'Host', editor: 'Editor', viewer: 'Viewer' };

/**
 * For the room's hosts: everyone an invite let in, with their role, which a host can
 * change (it applies at once: their page reconnects with it) or take away (removed).
 */
export function ParticipantsControl({ roomId }: { roomId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        class="button small"
        data-testid="participants-open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        People
      </button>
      <dialog
        ref={dialog}
        class="dialog"
        aria-labelledby="participants-title"
        data-testid="participants-dialog"
        onClose={() => setOpen(false)}
      >
        {open && <ParticipantsList roomId={roomId} onClose={() => setOpen(false)} />}
      </dialog>
    </>
  );
}

function ParticipantsList({ roomId, onClose }: { roomId: string; onClose(): void }) {
  const [items, setItems] = useState<RoomParticipant[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function reload() {
    try {
      setItems(await listParticipants(roomId));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  useEffect(() => {
    void reload();
  }, [roomId]);

  async function act(id: string, action: () => Promise<void>) {
    setBusy(id);
    setError(null);
    try {
      await action();
      await reload();
    } catch (err) {
      setError(errorMessage(err));
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
