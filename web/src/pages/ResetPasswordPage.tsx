import { useState } from 'preact/hooks';
import { resetPassword } from '../api/accountApi.ts';
import { FormError } from '../components/FormError.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { TextField } from '../components/TextField.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useLocation } from '../hooks/useLocation.ts';
import { errorMessage } from '../lib/http.ts';

/** `/reset-password?token=…`: the link an admin passed on sets a new password, once. */
export function ResetPasswordPage() {
  useDocumentTitle('Set a new password');
  const { search } = useLocation();
  const token = new URLSearchParams(search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await resetPassword(token, password);
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageFrame>
      <section class="centered-card auth-card">
        <h1>Set a new password</h1>
        {done ? (
          <p role="status" data-testid="reset-done">
            Your new password is set. <a href="/login">Sign in</a>
          </p>
        ) : (
          <form class="stack" onSubmit={onSubmit} noValidate>
            <TextField
              id="reset-password"
              label="New password"
              type="password"
              autocomplete="new-password"
              hint="At least 10 characters. This link works once."
              testId="reset-password"
              value={password}
              onValue={setPassword}
            />
            <FormError message={error} testId="reset-error" />
            <div class="form-actions">
              <button type="submit" class="button primary" data-testid="reset-submit" disabled={busy || !token}>
                Set password
              </button>
            </div>
          </form>
        )}
      </section>
    </PageFrame>
  );
}
