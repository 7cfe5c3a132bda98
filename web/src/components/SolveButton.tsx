import { useState } from 'preact/hooks';
import { openPracticeRoom } from '../api/roomApi.ts';
import { errorMessage } from '../lib/http.ts';
import { navigate } from '../lib/navigation.ts';
import { roomPath } from '../lib/route.ts';

/** "Solve": opens the person's own practice room on the problem (made on the first press), or says why not. */
export function SolveButton({ slug }: { slug: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSolve() {
    setBusy(true);
    setError(null);
    try {
      const room = await openPracticeRoom(slug);
      navigate(roomPath(room.id));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <div class="stack">
      <div>
        <button type="button" class="button primary" data-testid="solve" disabled={busy} onClick={onSolve}>
          {busy ? 'Opening…' : 'Solve'}
        </button>
      </div>
      <p class="muted">Opens your own room on this problem (the same one each time). Invite a friend from there.</p>
      {error && (
        <p class="form-error" role="alert" data-testid="solve-error">
          {error}
        </p>
      )}
    </div>
  );
}
