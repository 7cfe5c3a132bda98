import type { PublicUser } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { getProblem } from '../../api/problemApi.ts';
import { AdminNav } from '../../components/admin/AdminNav.tsx';
import { ProblemDangerZone } from '../../components/admin/ProblemDangerZone.tsx';
import { ProblemForm } from '../../components/admin/ProblemForm.tsx';
import { TestCasesPanel } from '../../components/admin/TestCasesPanel.tsx';
import { PageFrame } from '../../components/PageFrame.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useResource } from '../../hooks/useResource.ts';
import { setFlash, takeFlash } from '../../lib/flash.ts';
import { navigate } from '../../lib/navigation.ts';
import { editProblemPath, problemPath } from '../../lib/route.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';

/** `/admin/problems/new` and `/admin/problems/:slug/edit`: the problem, then (once it exists) its tests. */
export function ProblemEditorPage({ slug }: { slug: string | null }) {
  useDocumentTitle(slug ? `Edit ${slug}` : 'New problem');
  return (
    <RequireRole roles={['author']}>
      {(user) => (slug ? <EditProblem slug={slug} me={user} /> : <NewProblem me={user} />)}
    </RequireRole>
  );
}

function NewProblem({ me }: { me: PublicUser }) {
  return (
    <PageFrame wide>
      <EditorHeader me={me} title="New problem" />
      <ProblemForm
        initial={null}
        onSaved={(problem) => {
          setFlash('Problem created. Add its test cases below.');
          navigate(editProblemPath(problem.slug), { replace: true });
        }}
      />
    </PageFrame>
  );
}

function EditProblem({ slug, me }: { slug: string; me: PublicUser }) {
  const problem = useResource((signal) => getProblem(slug, signal), [slug]);
  const [flash] = useState(takeFlash);

  if (problem.status === 'error' && problem.errorStatus === 404) return <NotFoundPage what="problem" />;
  return (
    <PageFrame wide>
      <EditorHeader me={me} title={problem.data ? `Edit “${problem.data.title}”` : 'Edit problem'} slug={slug} />
      {flash && (
        <p class="status-ok" role="status" data-testid="problem-form-flash">
          {flash}
        </p>
      )}
      {problem.status === 'error' && (
        <p class="form-error" role="alert">
          The problem could not be loaded: {problem.error}
        </p>
      )}
      {problem.data && (
        <>
          <ProblemForm
            // A fresh form when another problem (or a renamed one) is loaded.
            key={slug}
            initial={problem.data}
            onSaved={(saved) => {
              if (saved.slug !== slug) {
                setFlash('Saved, with its new slug.');
                navigate(editProblemPath(saved.slug), { replace: true });
              } else {
                problem.set(saved);
              }
            }}
          />
          <TestCasesPanel slug={slug} interactive={problem.data.checker.type === 'interactive'} />
          <ProblemDangerZone slug={slug} title={problem.data.title} />
        </>
      )}
    </PageFrame>
  );
}

function EditorHeader({ me, title, slug }: { me: PublicUser; title: string; slug?: string }) {
  return (
    <>
      <header class="page-header">
        <div>
          <p class="breadcrumbs">
            <a href="/admin/problems">Problems</a> <span aria-hidden="true">/</span>{' '}
            <span class="mono">{slug ?? 'new'}</span>
          </p>
          <h1>{title}</h1>
        </div>
        {slug && (
          <a class="button" href={problemPath(slug)} data-testid="problem-view-link">
            View as solvers see it
          </a>
        )}
      </header>
      <AdminNav role={me.role} current="problems" />
    </>
  );
}
