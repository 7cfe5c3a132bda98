import { useEffect, useState } from 'preact/hooks';
import { joinClass } from '../api/classApi.ts';
import { FormError } from '../components/FormError.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { errorMessage } from '../lib/http.ts';
import { navigate } from '../lib/navigation.ts';
import { classPath } from '../lib/route.ts';

/** `/classes/join/:token`: joins the class of the link (after signing in) and opens it. */
export function ClassJoinPage({ token }: { token: string }) {
  useDocumentTitle('Join a class');
  return <RequireRole>{() => <JoinClass token={token} />}</RequireRole>;
}

function JoinClass({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    joinClass(token).then(
      (joined) => {
        if (!controller.signal.aborted) navigate(classPath(joined.id), { replace: true });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(err));
      },
    );
    return () => controller.abort();
  }, [token]);
  return (
    <PageFrame>
      <section class="centered-card" data-testid="class-join">
        <h1>Joining the class…</h1>
        {error ? (
          <>
            <FormError message={error} testId="class-join-error" />
            <a class="button" href="/classes">
              Your classes
            </a>
          </>
        ) : (
          <p class="muted" aria-busy="true">
            One moment.
          </p>
        )}
      </section>
    </PageFrame>
  );
}
