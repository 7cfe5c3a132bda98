import { useEffect, useState } from 'preact/hooks';
import { signIn } from '../api/authApi.ts';
import { FormError } from '../components/FormError.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { TextField } from '../components/TextField.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useLocation } from '../hooks/useLocation.ts';
import { splitFieldIssues } from '../lib/fieldErrors.ts';
import { focusFirstInvalid } from '../lib/focus.ts';
import { ApiError, errorMessage, type FieldIssue } from '../lib/http.ts';
import { navigate } from '../lib/navigation.ts';
import { registerPath, safeNextPath } from '../lib/route.ts';
import { useSession } from '../session/SessionContext.tsx';

const FIELDS = ['email', 'password'];

/** `/login[?next=…]`: email and password, then back to where the person came from. */
export function LoginPage() {
  useDocumentTitle('Sign in');
  const { me, signedIn } = useSession();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const next = safeNextPath(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);

  // Someone already signed in has nothing to do here.
  const alreadySignedIn = me?.user !== undefined && me?.user !== null;
  useEffect(() => {
    if (alreadySignedIn && !busy) navigate(next, { replace: true });
  }, [alreadySignedIn, busy, next]);

  async function onSubmit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(email.trim(), password);
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
        <h1>Sign in</h1>
        {next !== '/' && <p>Sign in to continue.</p>}
        <form onSubmit={onSubmit} noValidate class="stack">
          <TextField
            id="login-email"
            label="Email"
            type="email"
            autocomplete="username"
            required
            testId="login-email"
            value={email}
            onValue={setEmail}
            error={byField.email}
          />
          <TextField
            id="login-password"
            label="Password"
            type="password"
            autocomplete="current-password"
            required
            testId="login-password"
            value={password}
            onValue={setPassword}
            error={byField.password}
          />
          <FormError
            message={error?.message ?? null}
            issues={other}
            fieldsMarked={Object.keys(byField).length > 0}
            testId="login-error"
          />
          <div class="form-actions">
            <button type="submit" class="button primary" data-testid="login-submit" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </div>
        </form>
        {me?.registration === 'open' && (
          <p class="auth-switch">
            No account yet? <a href={registerPath(next)}>Register</a>
          </p>
        )}
      </section>
    </PageFrame>
  );
}
