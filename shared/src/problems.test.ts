import { describe, expect, it } from 'vitest';
import {
  checkerFor,
  checkerSchema,
  problemInputSchema,
  problemListQuerySchema,
  publicCheckerSchema,
  publicProblemSchema,
} from './problems.ts';
import { submissionCheckerSchema } from './submissions.ts';

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

  it('knows the four checkers', () => {
    const float = { type: 'float', absTolerance: 1e-6, relTolerance: 0 };
    expect(problemInputSchema.parse({ ...minimal, checker: float }).checker).toEqual(float);
    expect(badPaths({ ...minimal, checker: { type: 'float', absTolerance: -1, relTolerance: 0 } })).toEqual([
      'checker.absTolerance',
    ]);
    expect(badPaths({ ...minimal, checker: { type: 'regex' } })).toEqual(['checker.type']);
  });

  it('takes an author’s custom checker program, with its code', () => {
    const custom = { type: 'custom', language: 'python', code: 'import sys\nsys.exit(0)\n' };
    expect(problemInputSchema.parse({ ...minimal, checker: custom }).checker).toEqual(custom);
    expect(badPaths({ ...minimal, checker: { type: 'custom', language: 'python' } })).toEqual(['checker.code']);
    expect(badPaths({ ...minimal, checker: { type: 'custom', language: 'python', code: '' } })).toEqual([
      'checker.code',
    ]);
    expect(badPaths({ ...minimal, checker: { type: 'custom', language: 'cobol', code: 'x' } })).toEqual([
      'checker.language',
    ]);
  });
});

describe('checkers', () => {
  const custom = { type: 'custom', language: 'python', code: 'print("SECRET")' } as const;
  const problem = {
    ...problemInputSchema.parse(minimal),
    statementHtml: '<p>Add.</p>',
    samples: [],
    hiddenTestCount: 0,
  };

  it('are one union, which the judge is asked to apply too', () => {
    expect(submissionCheckerSchema).toBe(checkerSchema);
    const types = checkerSchema.def.options.map((o) => o.shape.type.def.values[0]);
    expect(types).toEqual(['exact', 'tokens', 'float', 'custom', 'interactive']);
    expect(new Set(types).size).toBe(types.length);
  });

  it('show solvers a custom checker’s language but never its code', () => {
    expect(checkerFor(custom, 'solver')).toEqual({ type: 'custom', language: 'python' });
    expect(checkerFor(custom, 'author')).toEqual(custom);
    const float = { type: 'float', absTolerance: 0.5, relTolerance: 0 } as const;
    expect(checkerFor(float, 'solver')).toEqual(float);
    const kattis = { ...custom, protocol: 'kattis' } as const;
    expect(checkerFor(kattis, 'solver')).toEqual({ type: 'custom', language: 'python', protocol: 'kattis' });
    const interactor = { type: 'interactive', language: 'cpp', code: 'SECRET' } as const;
    expect(checkerFor(interactor, 'solver')).toEqual({ type: 'interactive', language: 'cpp' });
    expect(checkerFor(interactor, 'author')).toEqual(interactor);
  });

  it('let a public problem carry a custom checker with or without its code', () => {
    const solverView = publicProblemSchema.parse({ ...problem, checker: checkerFor(custom, 'solver') });
    expect(solverView.checker).toEqual({ type: 'custom', language: 'python' });
    expect(JSON.stringify(solverView)).not.toContain('SECRET');
    expect(publicProblemSchema.parse({ ...problem, checker: custom }).checker).toEqual(custom);
    expect(publicCheckerSchema.safeParse({ type: 'custom' }).success).toBe(false);
    // What a solver gets is not a problem anyone could save.
    expect(problemInputSchema.safeParse({ ...minimal, checker: solverView.checker }).success).toBe(false);
  });
});

describe('problemListQuerySchema', () => {
  it('coerces paging from query strings and bounds it', () => {
    expect(problemListQuerySchema.parse({ page: '2', pageSize: '5' })).toMatchObject({ page: 2, pageSize: 5 });
    expect(problemListQuerySchema.safeParse({ pageSize: '1000' }).success).toBe(false);
  });
});
