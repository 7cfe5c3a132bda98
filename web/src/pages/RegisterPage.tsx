import { useState } from 'preact/hooks';
import { register } from '../api/authApi.ts';
import { FormError } from '../components/FormError.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { TextField } from '../components/TextField.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useLocation } from '../hooks/useLocation.ts';
import { splitFieldIssues } from '../lib/fieldErrors.ts';
import { focusFirstInvalid } from '../lib/focus.ts';
import { ApiError, errorMessage, type FieldIssue } from '../lib/http.ts';
import { navigate } from '../lib/navigation.ts';
import { loginPath, safeNextPath } from '../lib/route.ts';
import { useSession } from '../session/SessionContext.tsx';

const FIELDS = ['email', 'name', 'password'];

/** `/register[?invite=…][&next=…]`: open registration, or invitation-only with the link's token. */
export function RegisterPage() {
  useDocumentTitle('Register');
  const { me, signedIn } = useSession();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const invite = params.get('invite') ?? '';
  const next = safeNextPath(params.get('next'));
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);

  if (!me) {
    return (
      <PageFrame>
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      </PageFrame>
    );
  }

  const closedReason =
    me.registration === 'closed'
      ? 'Registration is closed. Ask an administrator to create an account for you.'
      : me.registration === 'invite' && !invite
        ? 'Registration needs an invitation. Open the invitation link an administrator sent you.'
        : null;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (password.length < 10) {
      setError({
        message: 'Check the highlighted fields.',
        issues: [{ path: 'password', message: 'Use at least 10 characters.' }],
      });
      focusFirstInvalid('.auth-card');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const user = await register({ email: email.trim(), name: name.trim(), password, invite: invite || undefined });
      signedIn(user);
      navigate(next, { replace: true });
    } catch (err) {
      setError({ message: errorMessage(err), issues: err instanceof ApiError ? err.details : [] });
      setBusy(false);
      focusFirstInvalid('.auth-card');
    }
  }

  const { byField, other } = splitFieldIssues(error?.issues ?? [], FIELDS);
  return (
    <PageFrame>
      <section class="centered-card auth-card">
        <h1>Create an account</h1>
        {me.user ? (
          <p data-testid="register-signed-in">
            You are signed in as {me.user.name}. Sign out first to create another account.
          </p>
        ) : closedReason ? (
          <p class="notice-inline" data-testid="register-closed">
            {closedReason}
          </p>
        ) : (
          <form onSubmit={onSubmit} noValidate class="stack">
            {invite && <p class="muted">You were invited: your account gets the role the invitation names.</p>}
            <TextField
              id="register-name"
              label="Name"
              hint="Shown to others in rooms, beside your cursor."
              autocomplete="name"
              maxLength={40}
              required
              testId="register-name"
              value={name}
              onValue={setName}
              error={byField.name}
            />
            <TextField
              id="register-email"
              label="Email"
              type="email"
              autocomplete="email"
              required
              testId="register-email"
              value={email}
              onValue={setEmail}
              error={byField.email}
            />
            <TextField
              id="register-password"
              label="Password"
              type="password"
              autocomplete="new-password"
              hint="At least 10 characters. A passphrase of a few words is best."
              minLength={10}
              required
              testId="register-password"
              value={password}
              onValue={setPassword}
              error={byField.password}
            />
            <FormError
              message={error?.message ?? null}
              issues={other}
              fieldsMarked={Object.keys(byField).length > 0}
              testId="register-error"
            />
            <div class="form-actions">
              <button type="submit" class="button primary" data-testid="register-submit" disabled={busy}>
                {busy ? 'Creating…' : 'Create account'}
              </button>
            </div>
          </form>
        )}
        <p class="auth-switch">
          Already have an account? <a href={loginPath(next)}>Sign in</a>
        </p>
      </section>
    </PageFrame>
  );
}
