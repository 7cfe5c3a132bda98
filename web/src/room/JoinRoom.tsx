import { useState } from 'preact/hooks';
import type { Me } from '../api/authApi.ts';
import { joinRoom, type RoomDetail } from '../api/roomApi.ts';
import { FormError } from '../components/FormError.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { TextField } from '../components/TextField.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { loadDisplayName, saveDisplayName } from '../lib/displayName.ts';
import { splitFieldIssues } from '../lib/fieldErrors.ts';
import { focusFirstInvalid } from '../lib/focus.ts';
import { ApiError, errorMessage, type FieldIssue } from '../lib/http.ts';
import { currentLocation, pageStorage } from '../lib/navigation.ts';
import { loginPath, registerPath } from '../lib/route.ts';

/**
 * The door of a room for someone holding an invitation: join with one's account, join as
 * a guest under a name (when the invitation allows guests), or sign in first.
 */
export interface JoinRoomProps {
  room: RoomDetail;
  invite: string;
  me: Me;
  onJoined(): Promise<void>;
}

export function JoinRoom({ room, invite, me, onJoined }: JoinRoomProps) {
  useDocumentTitle('Join the room');
  const [name, setName] = useState(() => me.guest?.name ?? loadDisplayName(pageStorage()) ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);
  const asGuest = !me.user && room.invite?.allowGuests === true;
  const here = currentLocation();

  async function onSubmit(event: Event) {
    event.preventDefault();
    let guestName: string | undefined;
    if (asGuest) {
      const checked = saveDisplayName(pageStorage(), name);
      if (!checked.ok) {
        setError({ message: 'Check your name.', issues: [{ path: 'name', message: checked.error }] });
        focusFirstInvalid('[data-testid="join-room"]');
        return;
      }
      guestName = checked.name;
    }
    setBusy(true);
    setError(null);
    try {
      await joinRoom(room.id, invite, guestName);
      await onJoined();
    } catch (err) {
      setError({ message: errorMessage(err), issues: err instanceof ApiError ? err.details : [] });
      setBusy(false);
      focusFirstInvalid('[data-testid="join-room"]');
    }
  }

  const { byField, other } = splitFieldIssues(error?.issues ?? [], ['name']);
  const subject = room.problem ? `to solve “${room.problem.title}”` : 'to code together';
  return (
    <PageFrame>
      <section class="centered-card" data-testid="join-room">
        <h1>Join the room</h1>
        <p>You have been invited {subject}.</p>
        {me.user ? (
          <form onSubmit={onSubmit} class="stack">
            <p>
              You will join as <strong>{me.user.name}</strong>.
            </p>
            <FormError
              message={error?.message ?? null}
              issues={other}
              fieldsMarked={Object.keys(byField).length > 0}
              testId="join-error"
            />
            <div class="form-actions">
              <button type="submit" class="button primary" data-testid="join-submit" disabled={busy}>
                {busy ? 'Joining…' : 'Join room'}
              </button>
            </div>
          </form>
        ) : asGuest ? (
          <form onSubmit={onSubmit} noValidate class="stack">
            <TextField
              id="join-name"
              label="Your name"
              hint="Shown to others beside your cursor."
              autocomplete="nickname"
              maxLength={40}
              placeholder="e.g. Ada"
              autoFocus
              testId="join-name"
              value={name}
              onValue={(value) => {
                setName(value);
                if (error) setError(null);
              }}
              error={byField.name}
            />
            <FormError
              message={error?.message ?? null}
              issues={other}
              fieldsMarked={Object.keys(byField).length > 0}
              testId="join-error"
            />
            <div class="form-actions">
              <a class="button ghost" href={loginPath(here)} data-testid="join-sign-in">
                I have an account
              </a>
              <button type="submit" class="button primary" data-testid="join-submit" disabled={busy}>
                {busy ? 'Joining…' : 'Join as guest'}
              </button>
            </div>
          </form>
        ) : (
          <div class="stack">
            <p>This invitation is for people with an account. Sign in to join.</p>
            <div class="form-actions">
              {me.registration === 'open' && (
                <a class="button" href={registerPath(here)} data-testid="join-register">
                  Create an account
                </a>
              )}
              <a class="button primary" href={loginPath(here)} data-testid="join-sign-in">
                Sign in to join
              </a>
            </div>
          </div>
        )}
      </section>
    </PageFrame>
  );
}
