import { useState } from 'preact/hooks';
import { endOtherSessions, endSession, listOwnSessions, type OwnSession } from '../api/accountApi.ts';
import { useResource } from '../hooks/useResource.ts';
import { errorMessage } from '../lib/http.ts';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'unknown');

/** The person's sessions (browser, began, last used), each with End, and End all others. */
export function OwnSessions({ onEndedCurrent }: { onEndedCurrent(): void }) {
  const sessions = useResource((signal) => listOwnSessions(signal), []);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  async function act(work: () => Promise<string>) {
    setBusy(true);
    setStatus(null);
    try {
      setStatus({ tone: 'ok', text: await work() });
      sessions.reload();
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  const end = (session: OwnSession) =>
    act(async () => {
      await endSession(session.id);
      if (session.current) onEndedCurrent();
      return 'Session ended.';
    });
  const others = (sessions.data ?? []).filter((session) => !session.current);

  return (
    <section class="panel stack" aria-labelledby="sessions-title" data-testid="own-sessions">
      <h2 id="sessions-title">Sessions</h2>
      <p class="muted">Where you are signed in. Ending a session signs that browser out and closes its rooms.</p>
      {sessions.error && (
        <p class="form-error" role="alert">
          {sessions.error}
        </p>
      )}
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">Browser</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(sessions.data ?? []).map((session) => (
            <tr key={session.id} data-testid="own-session" data-current={session.current ? 'true' : 'false'}>
              <td>
                {session.device}
                {session.current && <span class="muted"> (this browser)</span>}
              </td>
              <td>{when(session.createdAt)}</td>
              <td>{when(session.lastSeenAt)}</td>
              <td class="row-actions">
                <button
                  type="button"
                  class="button small danger-outline"
                  data-testid="own-session-end"
                  disabled={busy}
                  onClick={() => end(session)}
                >
                  {session.current ? 'Sign out here' : 'End'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="form-actions">
        <button
          type="button"
          class="button"
          data-testid="own-sessions-end-others"
          disabled={busy || others.length === 0}
          onClick={() => act(async () => `${await endOtherSessions()} other session(s) ended.`)}
        >
          End all other sessions
        </button>
        {status && (
          <span
            class={status.tone === 'error' ? 'form-error inline' : 'status-ok'}
            role={status.tone === 'error' ? 'alert' : 'status'}
            data-testid="own-sessions-status"
          >
            {status.text}
          </span>
        )}
      </div>
    </section>
  );
}
