import type { PublicUser } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { changePassword, fetchOwnAccount, renameAccount } from '../api/accountApi.ts';
import { FormError } from '../components/FormError.tsx';
import { OwnSessions } from '../components/OwnSessions.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { TextField } from '../components/TextField.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useResource } from '../hooks/useResource.ts';
import { errorMessage } from '../lib/http.ts';
import { useSession } from '../session/SessionContext.tsx';

/** `/account`: the person's name, password and sessions. */
export function AccountPage() {
  useDocumentTitle('Your account');
  return <RequireRole>{(user) => <Account user={user} />}</RequireRole>;
}

type Status = { tone: 'ok' | 'error'; text: string } | null;

function StatusLine({ status, testId }: { status: Status; testId: string }) {
  if (!status) return null;
  if (status.tone === 'error') return <FormError message={status.text} testId={testId} />;
  return (
    <p class="status-ok" role="status" data-testid={testId}>
      {status.text}
    </p>
  );
}

function Account({ user }: { user: PublicUser }) {
  const { signedIn, refresh } = useSession();
  const account = useResource((signal) => fetchOwnAccount(signal), [user.id]);
  const [name, setName] = useState(user.name);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [nameStatus, setNameStatus] = useState<Status>(null);
  const [passwordStatus, setPasswordStatus] = useState<Status>(null);
  const hasPassword = account.data?.hasPassword ?? true;

  async function run(work: () => Promise<string>, show: (status: Status) => void) {
    setBusy(true);
    show(null);
    try {
      show({ tone: 'ok', text: await work() });
    } catch (err) {
      show({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  const onRename = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      signedIn(await renameAccount(name));
      return 'Name saved.';
    }, setNameStatus);
  };
  const onPassword = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await changePassword(hasPassword ? current : null, next);
      setCurrent('');
      setNext('');
      account.reload();
      return 'Password changed. Your other sessions were signed out.';
    }, setPasswordStatus);
  };

  return (
    <PageFrame>
      <header class="page-header">
        <div>
          <h1>Your account</h1>
          <p class="muted">{user.email}</p>
        </div>
      </header>
      <section class="panel" aria-labelledby="name-title">
        <h2 id="name-title">Name</h2>
        <form class="stack" onSubmit={onRename} noValidate>
          <TextField id="account-name" label="Name" testId="account-name" value={name} onValue={setName} required />
          <StatusLine status={nameStatus} testId="account-name-status" />
          <div class="form-actions">
            <button type="submit" class="button primary" data-testid="account-name-save" disabled={busy}>
              Save name
            </button>
          </div>
        </form>
      </section>
      <section class="panel" aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        {!hasPassword && <p class="muted">You sign in with single sign-on; you may also set a password.</p>}
        <form class="stack" onSubmit={onPassword} noValidate>
          {hasPassword && (
            <TextField
              id="account-current-password"
              label="Current password"
              type="password"
              autocomplete="current-password"
              testId="account-current-password"
              value={current}
              onValue={setCurrent}
            />
          )}
          <TextField
            id="account-new-password"
            label="New password"
            type="password"
            autocomplete="new-password"
            hint="At least 10 characters."
            testId="account-new-password"
            value={next}
            onValue={setNext}
          />
          <StatusLine status={passwordStatus} testId="account-password-status" />
          <div class="form-actions">
            <button type="submit" class="button primary" data-testid="account-password-save" disabled={busy}>
              Change password
            </button>
          </div>
        </form>
      </section>
      <OwnSessions onEndedCurrent={() => void refresh()} />
    </PageFrame>
  );
}
