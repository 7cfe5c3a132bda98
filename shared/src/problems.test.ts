import { describe, expect, it } from 'vitest';
import { problemInputSchema, problemListQuerySchema } from './problems.ts';

const minimal = { slug: 'sum-two', title: 'Sum', statement: 'Add.', difficulty: 'easy' };

function badPaths(value: unknown): string[] {
  const parsed = problemInputSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
}

describe('problemInputSchema', () => {
  it('fills defaults', () => {
    expect(problemInputSchema.parse(minimal)).toEqual({
      ...minimal,
      tags: [],
      timeLimitMs: 2000,
      memoryLimitMb: 256,
      starterCode: {},
      checker: { type: 'tokens' },
      visibility: 'draft',
      stopAtFirstFailure: true,
    });
  });

  it('accepts slugs of lowercase letters, digits and inner dashes only', () => {
    for (const slug of ['ab', 'a-b-1', 'x'.repeat(64)]) expect(badPaths({ ...minimal, slug })).toEqual([]);
    for (const slug of ['a', 'A-b', 'a_b', '-ab', 'ab-', 'a--b', 'a b', 'x'.repeat(65), '../x']) {
      expect(badPaths({ ...minimal, slug }), slug).toEqual(['slug']);
    }
  });

  it('lowercases and de-duplicates tags, at most 10 of 1–30 characters', () => {
    expect(problemInputSchema.parse({ ...minimal, tags: [' Graphs', 'graphs', 'DP'] }).tags).toEqual(['graphs', 'dp']);
    expect(badPaths({ ...minimal, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) })).toEqual(['tags']);
    expect(badPaths({ ...minimal, tags: ['x'.repeat(31)] })).toEqual(['tags.0']);
  });

  it('bounds limits, statement and starter code', () => {
    expect(badPaths({ ...minimal, timeLimitMs: 99, memoryLimitMb: 2048 })).toEqual(['timeLimitMs', 'memoryLimitMb']);
    expect(badPaths({ ...minimal, statement: 'é'.repeat(60 * 1024) })).toEqual(['statement']);
    expect(badPaths({ ...minimal, starterCode: { cobol: 'x' } })).toEqual(['starterCode']);
    expect(badPaths({ ...minimal, starterCode: { python: 'x'.repeat(64 * 1024 + 1) } })).toEqual([
      'starterCode.python',
    ]);
  });

  it('knows the three checkers', () => {
    const float = { type: 'float', absTolerance: 1e-6, relTolerance: 0 };
    expect(problemInputSchema.parse({ ...minimal, checker: float }).checker).toEqual(float);
    expect(badPaths({ ...minimal, checker: { type: 'float', absTolerance: -1, relTolerance: 0 } })).toEqual([
      'checker.absTolerance',
    ]);
    expect(badPaths({ ...minimal, checker: { type: 'regex' } })).toEqual(['checker.type']);
  });
});

describe('problemListQuerySchema', () => {
  it('coerces paging from query strings and bounds it', () => {
    expect(problemListQuerySchema.parse({ page: '2', pageSize: '5' })).toMatchObject({ page: 2, pageSize: 5 });
    expect(problemListQuerySchema.safeParse({ pageSize: '1000' }).success).toBe(false);
  });
});
