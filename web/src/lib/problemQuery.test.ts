import { describe, expect, it } from 'vitest';
import { filtersFromSearch, NO_FILTERS, searchFromFilters, withFilter } from './problemQuery.ts';

describe('problem filters in the address bar', () => {
  it('round-trip', () => {
    const filters = { q: 'sum', tag: 'arrays', difficulty: 'easy' as const, visibility: 'draft' as const, page: 3 };
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
  });

  it('leave defaults out', () => {
    expect(searchFromFilters(NO_FILTERS)).toBe('');
    expect(searchFromFilters({ ...NO_FILTERS, q: ' two sum ' })).toBe('?q=two+sum');
  });

  it('ignore values that cannot be filters', () => {
    expect(filtersFromSearch('?difficulty=extreme&visibility=secret&page=-2&tag=%20DP')).toEqual({
      ...NO_FILTERS,
      tag: 'dp',
    });
    expect(filtersFromSearch('?page=abc').page).toBe(1);
  });

  it('start over at page 1 when a filter changes, not when the page does', () => {
    const onPage3 = { ...NO_FILTERS, page: 3 };
    expect(withFilter(onPage3, { tag: 'dp' }).page).toBe(1);
    expect(withFilter(onPage3, { page: 4 }).page).toBe(4);
  });
});
