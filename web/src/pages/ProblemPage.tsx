import { DEFAULT_LANGUAGE, LANGUAGE_IDS, type LanguageId, type PublicUser } from '@codestream/shared';
import { getProblem } from '../api/problemApi.ts';
import { CreateRoomForm } from '../components/CreateRoomForm.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { ProblemFacts } from '../components/ProblemFacts.tsx';
import { ProblemStatement } from '../components/ProblemStatement.tsx';
import { ProblemSubmissions } from '../components/ProblemSubmissions.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { SolveButton } from '../components/SolveButton.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useResource } from '../hooks/useResource.ts';
import { canAuthorProblems, canHostRooms } from '../lib/roles.ts';
import { editProblemPath } from '../lib/route.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** `/problems/:slug`: the statement, samples and limits; anyone opens their practice room on it (Solve); hosts open rooms on it for others. */
export function ProblemPage({ slug }: { slug: string }) {
  return <RequireRole>{(user) => <ProblemView slug={slug} user={user} />}</RequireRole>;
}

function ProblemView({ slug, user }: { slug: string; user: PublicUser }) {
  const problem = useResource((signal) => getProblem(slug, signal), [slug]);
  useDocumentTitle(problem.data?.title ?? 'Problem');

  if (problem.status === 'error' && !problem.data) {
    return problem.errorStatus === 404 ? (
      <NotFoundPage what="problem" />
    ) : (
      <PageFrame>
        <p class="form-error" role="alert">
          The problem could not be loaded: {problem.error}
        </p>
      </PageFrame>
    );
  }
  if (!problem.data) {
    return (
      <PageFrame>
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      </PageFrame>
    );
  }
  const p = problem.data;
  // The room starts in a language the problem has starter code for, when it has any.
  const firstStarter = LANGUAGE_IDS.find((id) => p.starterCode[id] !== undefined);
  const initialLanguage: LanguageId =
    p.starterCode[DEFAULT_LANGUAGE] !== undefined ? DEFAULT_LANGUAGE : (firstStarter ?? DEFAULT_LANGUAGE);
  return (
    <PageFrame>
      <article class="problem-page" data-testid="problem-page">
        <header class="page-header">
          <div>
            <p class="breadcrumbs">
              <a href="/problems">Problems</a> <span aria-hidden="true">/</span> <span class="mono">{p.slug}</span>
            </p>
            <h1 data-testid="problem-title">{p.title}</h1>
            <ProblemFacts problem={p} />
          </div>
          {canAuthorProblems(user.role) && (
            <a class="button" href={editProblemPath(p.slug)} data-testid="problem-edit-link">
              Edit
            </a>
          )}
        </header>
        <section class="panel" aria-labelledby="solve-title">
          <h2 id="solve-title" class="panel-title">
            Practise
          </h2>
          <SolveButton slug={p.slug} />
        </section>
        {canHostRooms(user.role) && (
          <section class="panel open-room" aria-labelledby="open-room-title">
            <h2 id="open-room-title" class="panel-title">
              Open a room for others
            </h2>
            <CreateRoomForm
              problemSlug={p.slug}
              initialLanguage={initialLanguage}
              submitLabel="Open a room on this problem"
              submitTestId="open-room"
              languageTestId="open-room-language"
            />
          </section>
        )}
        <ProblemStatement statementHtml={p.statementHtml} samples={p.samples} />
        <ProblemSubmissions slug={p.slug} everyone={canAuthorProblems(user.role)} />
      </article>
    </PageFrame>
  );
}
