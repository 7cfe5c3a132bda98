import { DIFFICULTIES, type Difficulty, type PublicUser, VISIBILITIES, type Visibility } from '@codestream/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { listProblems } from '../api/problemApi.ts';
import { PageFrame } from '../components/PageFrame.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { DifficultyBadge, DraftBadge, TagList } from '../components/ProblemBadges.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { useDebouncedValue } from '../hooks/useDebouncedValue.ts';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useLocation } from '../hooks/useLocation.ts';
import { useResource } from '../hooks/useResource.ts';
import { navigate } from '../lib/navigation.ts';
import { filtersFromSearch, type ProblemFilters, searchFromFilters, withFilter } from '../lib/problemQuery.ts';
import { canAuthorProblems } from '../lib/roles.ts';
import { problemPath } from '../lib/route.ts';

const PAGE_SIZE = 20;

/** `/problems`: search, filter by tag and difficulty, page through the bank. */
export function ProblemsPage() {
  useDocumentTitle('Problems');
  return <RequireRole>{(user) => <ProblemBrowser user={user} />}</RequireRole>;
}

function ProblemBrowser({ user }: { user: PublicUser }) {
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const author = canAuthorProblems(user.role);
  // The search box is typed into: its text lives here and reaches the address bar once typing pauses.
  const [query, setQuery] = useState(filters.q);
  const [tagText, setTagText] = useState(filters.tag);
  const settledQuery = useDebouncedValue(query, 250);
  /** The search text last put in the address bar from here; any other change came from history. */
  const appliedQuery = useRef(filters.q);

  const apply = (next: ProblemFilters, replace = true) => navigate(`/problems${searchFromFilters(next)}`, { replace });

  // Runs when typing pauses, with the filters of that moment.
  useEffect(() => {
    const q = settledQuery.trim();
    if (q === filters.q) return;
    appliedQuery.current = q;
    apply(withFilter(filters, { q }));
  }, [settledQuery]);

  // Back/forward, or a tag clicked: the fields follow the address bar.
  useEffect(() => {
    if (filters.q !== appliedQuery.current) {
      appliedQuery.current = filters.q;
      setQuery(filters.q);
    }
  }, [filters.q]);
  useEffect(() => setTagText(filters.tag), [filters.tag]);

  const problems = useResource(
    (signal) =>
      listProblems(
        {
          q: filters.q || undefined,
          tag: filters.tag || undefined,
          difficulty: filters.difficulty || undefined,
          visibility: (author && filters.visibility) || undefined,
          page: filters.page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    [search],
  );

  const tagsOnPage = [...new Set(problems.data?.items.flatMap((p) => p.tags) ?? [])].sort();

  return (
    <PageFrame wide>
      <header class="page-header">
        <h1>Problems</h1>
        {author && (
          <a class="button" href="/admin/problems" data-testid="manage-problems-link">
            Manage problems
          </a>
        )}
      </header>
      <search>
        <form class="filters" aria-label="Search problems" onSubmit={(e) => e.preventDefault()}>
          <div class="field grow">
            <label class="field-label" for="problem-search">
              Search
            </label>
            <input
              id="problem-search"
              type="search"
              data-testid="problem-search"
              placeholder="Title, slug or tag"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                appliedQuery.current = query.trim();
                apply(withFilter(filters, { q: query }));
              }}
            />
          </div>
          <div class="field">
            <label class="field-label" for="problem-tag">
              Tag
            </label>
            <input
              id="problem-tag"
              type="text"
              list="problem-tag-options"
              data-testid="problem-tag"
              placeholder="Any tag"
              value={tagText}
              onInput={(e) => setTagText(e.currentTarget.value)}
              onChange={(e) => apply(withFilter(filters, { tag: e.currentTarget.value }))}
            />
            <datalist id="problem-tag-options">
              {tagsOnPage.map((tag) => (
                <option key={tag} value={tag} />
              ))}
            </datalist>
          </div>
          <div class="field">
            <label class="field-label" for="problem-difficulty">
              Difficulty
            </label>
            <select
              id="problem-difficulty"
              data-testid="problem-difficulty"
              value={filters.difficulty}
              onChange={(e) => apply(withFilter(filters, { difficulty: e.currentTarget.value as Difficulty | '' }))}
            >
              <option value="">Any</option>
              {DIFFICULTIES.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          {author && (
            <div class="field">
              <label class="field-label" for="problem-visibility">
                Visibility
              </label>
              <select
                id="problem-visibility"
                data-testid="problem-visibility"
                value={filters.visibility}
                onChange={(e) => apply(withFilter(filters, { visibility: e.currentTarget.value as Visibility | '' }))}
              >
                <option value="">Drafts and published</option>
                {VISIBILITIES.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
          )}
          {(filters.q || filters.tag || filters.difficulty || filters.visibility) && (
            <button
              type="button"
              class="button ghost"
              data-testid="problem-clear-filters"
              onClick={() => {
                setQuery('');
                appliedQuery.current = '';
                apply({ q: '', tag: '', difficulty: '', visibility: '', page: 1 });
              }}
            >
              Clear filters
            </button>
          )}
        </form>
      </search>

      <section aria-live="polite" aria-busy={problems.status === 'loading' ? 'true' : undefined}>
        {problems.status === 'error' && (
          <p class="form-error" role="alert" data-testid="problems-error">
            Problems could not be loaded: {problems.error}
          </p>
        )}
        {problems.data && problems.data.items.length === 0 && (
          <p class="muted" data-testid="problems-empty">
            No problem matches{filters.q || filters.tag || filters.difficulty ? ' these filters' : ' yet'}.
          </p>
        )}
        {problems.data && problems.data.items.length > 0 && (
          <ul class="problem-list" data-testid="problem-list">
            {problems.data.items.map((problem) => (
              <li key={problem.slug} class="problem-row" data-testid="problem-row" data-slug={problem.slug}>
                <a class="problem-title" href={problemPath(problem.slug)}>
                  {problem.title}
                </a>
                <span class="mono muted">{problem.slug}</span>
                <DraftBadge visibility={problem.visibility} />
                <DifficultyBadge difficulty={problem.difficulty} />
                <TagList tags={problem.tags} onTag={(tag) => apply(withFilter(filters, { tag }))} />
              </li>
            ))}
          </ul>
        )}
        {problems.data && (
          <Pagination
            label="Problem pages"
            total={problems.data.total}
            page={filters.page}
            pageSize={PAGE_SIZE}
            onPage={(page) => apply(withFilter(filters, { page }), false)}
          />
        )}
      </section>
    </PageFrame>
  );
}
