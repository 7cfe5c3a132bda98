import type { PublicUser } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { deleteProblem, exportUrl, listProblems } from '../../api/problemApi.ts';
import { AdminNav } from '../../components/admin/AdminNav.tsx';
import { ImportProblemForm } from '../../components/admin/ImportProblemForm.tsx';
import { PageFrame } from '../../components/PageFrame.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { DifficultyBadge, DraftBadge, TagList } from '../../components/ProblemBadges.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { useConfirm } from '../../hooks/useConfirm.tsx';
import { useDebouncedValue } from '../../hooks/useDebouncedValue.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useResource } from '../../hooks/useResource.ts';
import { errorMessage } from '../../lib/http.ts';
import { editProblemPath, problemPath } from '../../lib/route.ts';

const PAGE_SIZE = 25;

/** `/admin/problems`: every problem including drafts; create, edit, import, export, delete. */
export function AdminProblemsPage() {
  useDocumentTitle('Manage problems');
  return <RequireRole roles={['author']}>{(user) => <ProblemAdmin me={user} />}</RequireRole>;
}

function ProblemAdmin({ me }: { me: PublicUser }) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const q = useDebouncedValue(query.trim(), 250);
  const problems = useResource(
    (signal) => listProblems({ q: q || undefined, page, pageSize: PAGE_SIZE }, signal),
    [q, page],
  );
  const { dialog, ask } = useConfirm();

  async function onDelete(slug: string, title: string) {
    const confirmed = await ask({
      title: `Delete “${title}”?`,
      body: 'The problem and all its test cases are deleted for good. Rooms opened on it keep their code. Export it first to keep a copy.',
      confirmLabel: 'Delete problem',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await deleteProblem(slug);
      setNotice({ tone: 'ok', text: `Deleted ${slug}.` });
      problems.reload();
    } catch (err) {
      setNotice({ tone: 'error', text: `${slug} could not be deleted: ${errorMessage(err)}` });
    }
  }

  return (
    <PageFrame wide>
      <header class="page-header">
        <h1>Administration</h1>
        <a class="button primary" href="/admin/problems/new" data-testid="admin-problem-new">
          New problem
        </a>
      </header>
      <AdminNav role={me.role} current="problems" />
      {notice && (
        <p
          class={notice.tone === 'error' ? 'form-error' : 'status-ok'}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="admin-problems-notice"
        >
          {notice.text}
        </p>
      )}
      <div class="admin-grid">
        <section class="panel" aria-labelledby="problems-title">
          <h2 id="problems-title" class="panel-title">
            Problems
          </h2>
          <div class="field">
            <label class="field-label" for="admin-problem-search">
              Search by title, slug or tag
            </label>
            <input
              id="admin-problem-search"
              type="search"
              data-testid="admin-problem-search"
              value={query}
              onInput={(e) => {
                setQuery(e.currentTarget.value);
                setPage(1);
              }}
            />
          </div>
          {problems.status === 'error' && (
            <p class="form-error" role="alert">
              Problems could not be loaded: {problems.error}
            </p>
          )}
          <div aria-busy={problems.status === 'loading' ? 'true' : undefined}>
            {problems.data?.items.length === 0 && <p class="muted">No problems{q ? ' match' : ' yet'}.</p>}
            {problems.data && problems.data.items.length > 0 && (
              <table class="table" data-testid="admin-problem-table">
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Difficulty</th>
                    <th scope="col">Tags</th>
                    <th scope="col">
                      <span class="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {problems.data.items.map((p) => (
                    <tr key={p.slug} data-testid="admin-problem-row" data-slug={p.slug}>
                      <td>
                        <a href={editProblemPath(p.slug)} data-testid="admin-problem-edit">
                          {p.title}
                        </a>{' '}
                        <DraftBadge visibility={p.visibility} />
                        <div class="mono muted small">{p.slug}</div>
                      </td>
                      <td>
                        <DifficultyBadge difficulty={p.difficulty} />
                      </td>
                      <td>
                        <TagList tags={p.tags} />
                      </td>
                      <td class="row-actions">
                        <a class="button small ghost" href={problemPath(p.slug)}>
                          View
                        </a>
                        <a
                          class="button small ghost"
                          href={exportUrl(p.slug)}
                          download={`${p.slug}.zip`}
                          data-testid="admin-problem-export"
                        >
                          Export
                        </a>
                        <button
                          type="button"
                          class="button small danger-outline"
                          data-testid="admin-problem-delete"
                          onClick={() => onDelete(p.slug, p.title)}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {problems.data && (
              <Pagination
                label="Problem pages"
                total={problems.data.total}
                page={page}
                pageSize={PAGE_SIZE}
                onPage={setPage}
              />
            )}
          </div>
        </section>
        <ImportProblemForm />
      </div>
      {dialog}
    </PageFrame>
  );
}
