import type { PublicUser } from '@codestream/shared';
import { listMySubmissions } from '../api/submissionApi.ts';
import { PageFrame } from '../components/PageFrame.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { SubmissionList } from '../components/SubmissionList.tsx';
import { SubmissionsState } from '../components/SubmissionsState.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useResource } from '../hooks/useResource.ts';

/** `/submissions`: everything this person submitted, newest first. */
export function MySubmissionsPage() {
  useDocumentTitle('My submissions');
  return <RequireRole>{(user) => <MySubmissions user={user} />}</RequireRole>;
}

function MySubmissions({ user }: { user: PublicUser }) {
  const submissions = useResource((signal) => listMySubmissions(signal), [user.id]);
  return (
    <PageFrame wide>
      <header class="page-header">
        <div>
          <h1>My submissions</h1>
          <p class="muted">Your submissions in every room, newest first. Open one to see its code and results.</p>
        </div>
      </header>
      <section class="panel" aria-busy={submissions.status === 'loading' ? 'true' : undefined}>
        <SubmissionsState resource={submissions} empty="You have not submitted anything yet." />
        {submissions.data && submissions.data.length > 0 && (
          <SubmissionList items={submissions.data} showProblem showWho={false} testId="my-submissions" />
        )}
      </section>
    </PageFrame>
  );
}
