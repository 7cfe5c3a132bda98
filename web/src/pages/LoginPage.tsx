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
  // Set by a single sign-on that did not complete, saying why.
  const ssoError = params.get('error');
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
  const providers = me?.signIn.providers ?? [];
  const passwords = me?.signIn.passwords ?? true;
  const passwordForm = (
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
  );
  return (
    <PageFrame>
      <section class="centered-card auth-card">
        <h1>Sign in</h1>
        {next !== '/' && <p>Sign in to continue.</p>}
        {ssoError && (
          <p class="form-error" role="alert" data-testid="sso-error">
            {ssoError}
          </p>
        )}
        {providers.length > 0 && (
          <div class="stack sso-buttons">
            {providers.map((provider) => (
              <a
                key={provider.id}
                class="button primary"
                href={`/api/auth/sso/${provider.id}?${new URLSearchParams({ next })}`}
                data-testid={`sso-${provider.id}`}
              >
                Sign in with {provider.name}
              </a>
            ))}
          </div>
        )}
        {passwords ? (
          passwordForm
        ) : (
          // SSO_ONLY: admins keep their password as a way in should the provider fail.
          <details class="break-glass">
            <summary>Administrator sign-in with a password</summary>
            {passwordForm}
          </details>
        )}
        {me?.registration === 'open' && passwords && (
          <p class="auth-switch">
            No account yet? <a href={registerPath(next)}>Register</a>
          </p>
        )}
      </section>
    </PageFrame>
  );
}
