import { DIFFICULTIES, type Difficulty, VISIBILITIES, type Visibility } from '@codestream/shared';

/** The problem list's filters, as kept in the address bar so a search can be shared and reloaded. */
export interface ProblemFilters {
  q: string;
  tag: string;
  difficulty: Difficulty | '';
  visibility: Visibility | '';
  page: number;
}

export const NO_FILTERS: ProblemFilters = { q: '', tag: '', difficulty: '', visibility: '', page: 1 };

function oneOf<T extends string>(values: readonly T[], value: string | null): T | '' {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : '';
}

export function filtersFromSearch(search: string): ProblemFilters {
  const params = new URLSearchParams(search);
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return {
    q: params.get('q')?.trim() ?? '',
    tag: params.get('tag')?.trim().toLowerCase() ?? '',
    difficulty: oneOf(DIFFICULTIES, params.get('difficulty')),
    visibility: oneOf(VISIBILITIES, params.get('visibility')),
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** `?q=…&page=2`, leaving out what is at its default (empty string when nothing is set). */
export function searchFromFilters(filters: ProblemFilters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.tag.trim()) params.set('tag', filters.tag.trim().toLowerCase());
  if (filters.difficulty) params.set('difficulty', filters.difficulty);
  if (filters.visibility) params.set('visibility', filters.visibility);
  if (filters.page > 1) params.set('page', String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** New filters after changing some of them: any change but the page starts over at page 1. */
export function withFilter(filters: ProblemFilters, change: Partial<ProblemFilters>): ProblemFilters {
  const next = { ...filters, ...change };
  if (change.page === undefined) next.page = 1;
  return next;
}
