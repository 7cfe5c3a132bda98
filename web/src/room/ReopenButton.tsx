import { useState } from 'preact/hooks';
import { reopenRoom } from '../api/roomSessionApi.ts';
import { errorMessage } from '../lib/http.ts';

/** For hosts of an ended room: makes it editable again. */
export function ReopenButton({ roomId }: { roomId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function reopen() {
    setBusy(true);
    setError(null);
    try {
      await reopenRoom(roomId);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" class="button small" data-testid="reopen" disabled={busy} onClick={reopen}>
        Reopen
      </button>
      {error && (
        <span class="form-error inline" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
