import { describe, expect, it } from 'vitest';
import { describePage, pageInfo } from './pagination.ts';

describe('pageInfo', () => {
  it('describes the first, a middle and the last page', () => {
    expect(pageInfo(57, 1, 20)).toEqual({
      page: 1,
      pageCount: 3,
      first: 1,
      last: 20,
      hasPrevious: false,
      hasNext: true,
    });
    expect(pageInfo(57, 2, 20)).toMatchObject({ first: 21, last: 40, hasPrevious: true, hasNext: true });
    expect(pageInfo(57, 3, 20)).toMatchObject({ first: 41, last: 57, hasNext: false });
  });

  it('handles empty listings and pages past the end', () => {
    expect(pageInfo(0, 1, 20)).toMatchObject({ pageCount: 1, first: 0, last: 0, hasPrevious: false, hasNext: false });
    expect(pageInfo(5, 4, 20)).toMatchObject({ first: 0, hasPrevious: true, hasNext: false });
  });

  it('reads as text', () => {
    expect(describePage(pageInfo(57, 2, 20), 57)).toBe('21–40 of 57');
    expect(describePage(pageInfo(0, 1, 20), 0)).toBe('No results');
    expect(describePage(pageInfo(5, 4, 20), 5)).toMatch(/past the end/);
  });
});
