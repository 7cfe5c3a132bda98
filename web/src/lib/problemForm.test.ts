import { findLanguageInfo, type ProblemInput } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import {
  emptyProblemForm,
  normalizeProblemIssues,
  parseTags,
  problemBodyFrom,
  problemFormFrom,
  slugFromTitle,
  validateProblemBody,
} from './problemForm.ts';

const problem: ProblemInput = {
  slug: 'two-sum',
  title: 'Two Sum',
  statement: '# Two Sum\n',
  difficulty: 'medium',
  tags: ['arrays', 'hashing'],
  timeLimitMs: 1500,
  memoryLimitMb: 128,
  starterCode: { python: 'print()\n' },
  checker: { type: 'float', absTolerance: 0.001, relTolerance: 0 },
  visibility: 'published',
  stopAtFirstFailure: false,
};

describe('problem form', () => {
  it('round-trips a problem', () => {
    expect(problemBodyFrom(problemFormFrom(problem))).toEqual(problem);
  });

  it('does not send empty starter code, and sends tolerances only for the float checker', () => {
    const form = { ...problemFormFrom(problem), checkerType: 'exact' as const };
    form.starterCode.javascript = '  \n';
    const body = problemBodyFrom(form);
    expect(body.starterCode).toEqual({ python: 'print()\n' });
    expect(body.checker).toEqual({ type: 'exact' });
  });

  it('round-trips a custom checker program, and sends only the chosen checker’s fields', () => {
    const code = 'int main() { return 0; }\n';
    const custom: ProblemInput = { ...problem, checker: { type: 'custom', language: 'cpp', code } };
    const form = problemFormFrom(custom);
    expect(form).toMatchObject({ checkerType: 'custom', checkerLanguage: 'cpp', checkerCode: code });
    expect(problemBodyFrom(form)).toEqual(custom);
    expect(problemBodyFrom({ ...form, checkerType: 'tokens' }).checker).toEqual({ type: 'tokens' });
    // Switching to a custom program from another checker starts in the default language, empty.
    const fromFloat = { ...problemFormFrom(problem), checkerType: 'custom' as const, checkerCode: 'print(1)' };
    expect(problemBodyFrom(fromFloat).checker).toEqual({ type: 'custom', language: 'python', code: 'print(1)' });
  });

  it('round-trips an interactor, and keeps a Kattis validator’s protocol', () => {
    const interactive: ProblemInput = {
      ...problem,
      checker: { type: 'interactive', language: 'python', code: 'exit(42)' },
    };
    const form = problemFormFrom(interactive);
    expect(form).toMatchObject({ checkerType: 'interactive', checkerLanguage: 'python', checkerCode: 'exit(42)' });
    expect(problemBodyFrom(form)).toEqual(interactive);
    const kattis: ProblemInput = {
      ...problem,
      checker: { type: 'custom', language: 'cpp', code: 'int main() {}', protocol: 'kattis' },
    };
    expect(problemBodyFrom(problemFormFrom(kattis))).toEqual(kattis);
  });

  it('asks for the checker program when none is written', () => {
    const form = { ...emptyProblemForm(), slug: 'a-b', title: 'A', statement: 'x', checkerType: 'custom' as const };
    expect(validateProblemBody(problemBodyFrom(form)).map((i) => i.path)).toEqual(['checker.code']);
  });

  it('opens a problem fetched without its checker code with an empty program', () => {
    const form = problemFormFrom({ ...problem, checker: { type: 'custom', language: 'java' } });
    expect(form).toMatchObject({ checkerType: 'custom', checkerLanguage: 'java', checkerCode: '' });
  });

  it('starts with defaults that need only a slug, a title and a statement', () => {
    const body = problemBodyFrom({ ...emptyProblemForm(), slug: 'a-b', title: 'A B', statement: 'Add.' });
    expect(validateProblemBody(body)).toEqual([]);
    expect(body).toMatchObject({
      timeLimitMs: 2000,
      memoryLimitMb: 256,
      visibility: 'draft',
      checker: { type: 'tokens' },
    });
  });

  it('names every bad field the way the server does', () => {
    const form = {
      ...emptyProblemForm(),
      slug: 'Bad Slug',
      title: ' ',
      timeLimitMs: 'soon',
      checkerType: 'float' as const,
    };
    form.absTolerance = '-1';
    const paths = validateProblemBody(problemBodyFrom(form)).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['slug', 'title', 'timeLimitMs', 'checker.absTolerance']));
    const time = validateProblemBody(problemBodyFrom(form)).find((i) => i.path === 'timeLimitMs');
    expect(time?.message).toBe('Enter a number');
  });

  it('reports issues of single tags on the tags field', () => {
    const form = { ...emptyProblemForm(), slug: 'a-b', title: 'A', tags: 'x'.repeat(31) };
    expect(validateProblemBody(problemBodyFrom(form)).map((i) => i.path)).toEqual(['tags']);
    expect(normalizeProblemIssues([{ path: 'tags.2', message: 'Too long' }])).toEqual([
      { path: 'tags', message: 'Too long' },
    ]);
  });

  it('keeps every language of the catalog in the form', () => {
    expect(Object.keys(emptyProblemForm().starterCode).every((id) => findLanguageInfo(id))).toBe(true);
  });
});

describe('parseTags', () => {
  it('trims, lowercases and drops empties and repeats', () => {
    expect(parseTags('Graph, DP ,, graph ')).toEqual(['graph', 'dp']);
    expect(parseTags('  ')).toEqual([]);
  });
});

describe('slugFromTitle', () => {
  it('makes a valid slug from a title', () => {
    expect(slugFromTitle('Two Sum (easy)')).toBe('two-sum-easy');
    expect(slugFromTitle('  Crème brûlée!  ')).toBe('creme-brulee');
    expect(slugFromTitle('---')).toBe('');
    expect(slugFromTitle(`${'a'.repeat(63)} b`)).toBe('a'.repeat(63));
  });
});
