import { useState } from 'preact/hooks';
import { endRoom } from '../api/roomSessionApi.ts';
import { errorMessage } from '../lib/http.ts';

/** For hosts: ends the interview after asking whether guests keep a read-only view. */
export function EndInterviewForm({ roomId, onClose }: { roomId: string; onClose(): void }) {
  const [archiveForGuests, setArchiveForGuests] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await endRoom(roomId, archiveForGuests);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form class="stack" onSubmit={onSubmit}>
      <h2 id="end-title">End the interview?</h2>
      <p class="muted">
        The code, runs and submissions are kept; everyone but hosts can only read them. You can reopen it later.
      </p>
      <label class="checkbox">
        <input
          type="checkbox"
          data-testid="end-archive-for-guests"
          checked={archiveForGuests}
          onChange={(e) => setArchiveForGuests(e.currentTarget.checked)}
        />
        Guests keep a read-only view of the room (otherwise they lose access now)
      </label>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="form-actions">
        <button type="button" class="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" class="button danger" data-testid="end-confirm" disabled={busy}>
          End interview
        </button>
      </div>
    </form>
  );
}
