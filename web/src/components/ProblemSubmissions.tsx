import { listProblemSubmissions } from '../api/submissionApi.ts';
import { useResource } from '../hooks/useResource.ts';
import { SubmissionList } from './SubmissionList.tsx';
import { SubmissionsState } from './SubmissionsState.tsx';

/** On a problem's page: this person's submissions to it, or everyone's for its authors. */
export function ProblemSubmissions({ slug, everyone }: { slug: string; everyone: boolean }) {
  const submissions = useResource((signal) => listProblemSubmissions(slug, signal), [slug]);
  const title = everyone ? 'Submissions' : 'My submissions';
  return (
    <section
      class="panel problem-submissions"
      aria-labelledby="problem-submissions-title"
      aria-busy={submissions.status === 'loading' ? 'true' : undefined}
      data-testid="problem-submissions"
    >
      <h2 id="problem-submissions-title" class="panel-title">
        {title}
      </h2>
      {everyone && <p class="muted small">Everyone’s, as you author problems.</p>}
      <SubmissionsState
        resource={submissions}
        empty={everyone ? 'Nobody has submitted to this problem yet.' : 'You have not submitted to this problem yet.'}
      />
      {submissions.data && submissions.data.length > 0 && (
        <SubmissionList items={submissions.data} showWho={everyone} testId="problem-submission-list" />
      )}
    </section>
  );
}
