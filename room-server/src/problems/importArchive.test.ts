import { problemInputSchema } from '@codestream/shared';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from './ArchiveError.ts';
import { buildProblemArchive } from './codestreamArchive.ts';
import { parseImportArchive, parseTestArchive } from './importArchive.ts';
import { MAX_STATEMENT_SOURCE_BYTES } from './kattisPackage.ts';

const LIMITS = { maxTestBytes: 1024, maxUncompressedBytes: 1024 * 1024 };

function zip(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));
}

function archiveError(run: () => unknown): ArchiveError {
  try {
    run();
  } catch (err) {
    if (err instanceof ArchiveError) return err;
    throw err;
  }
  throw new Error('expected an ArchiveError');
}

const KATTIS = {
  'hello-world/problem.yaml':
    'name: Hello World\nkeywords: Strings Easy\nvalidator_flags: float_tolerance 1e-6\nlimits:\n  memory: 512\n  time_multiplier: 5\n',
  'hello-world/.timelimit': '1.5\n',
  'hello-world/problem_statement/problem.sv.md': '# Hej\n\nSvenska.',
  'hello-world/problem_statement/problem.en.md': '# Hello\n\nSay *hello*.',
  'hello-world/data/sample/1.in': 'sample in\n',
  'hello-world/data/sample/1.ans': 'sample out\n',
  'hello-world/data/secret/10.in': 'ten\n',
  'hello-world/data/secret/10.ans': 'TEN\n',
  'hello-world/data/secret/2.in': 'two\n',
  'hello-world/data/secret/2.ans': 'TWO\n',
  'hello-world/data/secret/group1/3.in': 'three\n',
  'hello-world/data/secret/group1/3.ans': 'THREE\n',
  'hello-world/submissions/accepted/sol.py': 'print(input())',
};

describe('ICPC/Kattis packages', () => {
  it('imports metadata, the English Markdown statement and the sample/secret split', () => {
    const { format, problem, tests } = parseImportArchive(zip(KATTIS), LIMITS);
    expect(format).toBe('kattis');
    expect(problem).toMatchObject({
      slug: 'hello-world',
      title: 'Hello World',
      statement: '# Hello\n\nSay *hello*.',
      tags: ['strings', 'easy'],
      timeLimitMs: 1500,
      memoryLimitMb: 512,
      checker: { type: 'float', absTolerance: 1e-6, relTolerance: 1e-6 },
      visibility: 'draft',
    });
    expect(tests).toEqual([
      { kind: 'sample', input: 'sample in\n', output: 'sample out\n' },
      { kind: 'hidden', input: 'two\n', output: 'TWO\n' },
      { kind: 'hidden', input: 'ten\n', output: 'TEN\n' },
      { kind: 'hidden', input: 'three\n', output: 'THREE\n' },
    ]);
  });

  it('takes ?slug= over the folder name, and the name when there is no folder', () => {
    expect(parseImportArchive(zip(KATTIS), { ...LIMITS, slug: 'my-copy' }).problem.slug).toBe('my-copy');
    const atRoot = Object.fromEntries(Object.entries(KATTIS).map(([p, t]) => [p.replace('hello-world/', ''), t]));
    expect(parseImportArchive(zip(atRoot), LIMITS).problem.slug).toBe('hello-world');
  });

  it('converts a LaTeX statement when there is no Markdown one, and uses its title', () => {
    const { problem } = parseImportArchive(
      zip({
        'problem.yaml': 'validation: default\n',
        'problem_statement/problem.en.tex': '\\problemname{Tex Title}\nCompute $a+b$.\n\\section*{Input}\nTwo numbers.',
        'data/secret/1.in': '1 2\n',
        'data/secret/1.ans': '3\n',
      }),
      LIMITS,
    );
    expect(problem.title).toBe('Tex Title');
    expect(problem.slug).toBe('tex-title');
    expect(problem.statement).toBe('Compute $a+b$.\n\n## Input\n\nTwo numbers.');
    expect(problem.timeLimitMs).toBe(2000);
    expect(problem.checker).toEqual({ type: 'tokens' });
  });

  it('refuses a statement source over its limit before converting it, naming the file', () => {
    const huge = '\\textbf{x} '.repeat(Math.ceil(MAX_STATEMENT_SOURCE_BYTES / 11) + 1);
    const error = archiveError(() =>
      parseImportArchive(
        zip({ 'problem.yaml': 'name: Huge\n', 'problem_statement/problem.en.tex': huge, 'data/secret/1.in': '1\n' }),
        LIMITS,
      ),
    );
    expect(error.reason).toBe('too-large');
    expect(error.message).toBe(
      `problem_statement/problem.en.tex is ${huge.length} bytes; a statement source may be at most ${MAX_STATEMENT_SOURCE_BYTES} bytes`,
    );
  });

  it('imports a custom output validator as a Kattis-protocol checker, its quoted headers inlined', () => {
    const { problem } = parseImportArchive(
      zip({
        ...KATTIS,
        'hello-world/problem.yaml': 'name: X\nvalidation: custom\n',
        'hello-world/output_validators/check/check.cpp':
          '#include <cstdio>\n#include "validate.h"\nint main() { return ok(); }\n',
        'hello-world/output_validators/check/validate.h': '#pragma once\n#include "util.h"\nint ok() { return 42; }\n',
        'hello-world/output_validators/check/util.h': '#include "validate.h"\n// util\n',
      }),
      LIMITS,
    );
    expect(problem.checker).toEqual({
      type: 'custom',
      language: 'cpp',
      protocol: 'kattis',
      code: '#include <cstdio>\n#pragma once\n\n// util\n\nint ok() { return 42; }\n\nint main() { return ok(); }\n',
    });
  });

  it('imports an interactor (legacy custom interactive, or 2023-07 type: interactive)', () => {
    const interactor = 'import sys\nsys.exit(42)\n';
    for (const yaml of [
      'name: X\nvalidation: custom interactive\n',
      'problem_format_version: 2023-07-draft\nname: X\ntype: interactive\n',
    ]) {
      const folder = yaml.includes('2023') ? 'output_validator' : 'output_validators/io';
      const { problem } = parseImportArchive(
        zip({ ...KATTIS, 'hello-world/problem.yaml': yaml, [`hello-world/${folder}/interactor.py`]: interactor }),
        LIMITS,
      );
      expect(problem.checker).toEqual({ type: 'interactive', language: 'python', code: interactor });
    }
  });

  it('refuses a validator it cannot build, and says what is missing', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { 'output_validators/v/v.cpp': '#include "testlib.h"\n' },
        /v\.cpp includes "testlib\.h", which the package does not contain/,
      ],
      [{ 'output_validators/v/v.cpp': '#include <testlib.h>\n' }, /includes <testlib\.h>/],
      [{ 'output_validators/v/V.java': 'class V {}' }, /V\.java is not in C, C\+\+ or Python/],
      [{ 'output_validators/v/a.py': '', 'output_validators/v/b.py': '' }, /2 source files \(a\.py, b\.py\)/],
      [{}, /has none in output_validators/],
    ];
    for (const [files, message] of cases) {
      const inPackage = Object.fromEntries(Object.entries(files).map(([path, text]) => [`hello-world/${path}`, text]));
      const error = archiveError(() =>
        parseImportArchive(
          zip({ ...KATTIS, 'hello-world/problem.yaml': 'name: X\nvalidation: custom\n', ...inPackage }),
          LIMITS,
        ),
      );
      expect(error.message).toMatch(message);
    }
    const scoring = archiveError(() =>
      parseImportArchive(zip({ ...KATTIS, 'hello-world/problem.yaml': 'name: X\ntype: scoring\n' }), LIMITS),
    );
    expect(scoring.reason).toBe('unsupported');
  });

  it('names the .in that has no .ans', () => {
    const { 'hello-world/data/secret/2.ans': _, ...broken } = KATTIS;
    const error = archiveError(() => parseImportArchive(zip(broken), LIMITS));
    expect(error.reason).toBe('unpaired-test');
    expect(error.message).toContain('data/secret/2.in');
  });

  it('refuses packages without statement, without hidden tests, or with bad YAML', () => {
    const {
      'hello-world/problem_statement/problem.en.md': _en,
      'hello-world/problem_statement/problem.sv.md': _sv,
      ...noStatement
    } = KATTIS;
    expect(archiveError(() => parseImportArchive(zip(noStatement), LIMITS)).message).toMatch(/no statement/);
    const sampleOnly = Object.fromEntries(Object.entries(KATTIS).filter(([p]) => !p.includes('/secret/')));
    expect(archiveError(() => parseImportArchive(zip(sampleOnly), LIMITS)).message).toMatch(/data\/secret/);
    const badYaml = { ...KATTIS, 'hello-world/problem.yaml': 'name: [unclosed\n' };
    expect(archiveError(() => parseImportArchive(zip(badYaml), LIMITS)).message).toMatch(/not valid YAML/);
  });

  it('refuses tests over the size limit, naming them', () => {
    const big = { ...KATTIS, 'hello-world/data/secret/2.in': 'x'.repeat(2000) };
    const error = archiveError(() => parseImportArchive(zip(big), LIMITS));
    expect(error.reason).toBe('test-too-large');
    expect(error.message).toContain('data/secret/2');
  });

  it('refuses an archive with no problem file', () => {
    const error = archiveError(() => parseImportArchive(zip({ 'readme.txt': 'hi' }), LIMITS));
    expect(error.reason).toBe('no-problem-file');
    expect(error.message).toMatch(/problem\.json.*problem\.yaml/);
  });
});

describe('CodeStream archives', () => {
  const problem = problemInputSchema.parse({
    slug: 'round-trip',
    title: 'Round Trip',
    statement: 'Echo.',
    difficulty: 'hard',
    tags: ['io'],
    starterCode: { python: 'print(input())\n' },
    checker: { type: 'exact' },
    visibility: 'published',
    stopAtFirstFailure: false,
  });
  const tests = [
    { kind: 'sample' as const, input: 's1', output: 'S1' },
    { kind: 'hidden' as const, input: 'h1', output: 'H1' },
    { kind: 'hidden' as const, input: 'h2', output: 'H2' },
  ];

  it('reads back what it writes', () => {
    const parsed = parseImportArchive(buildProblemArchive(problem, tests), LIMITS);
    expect(parsed).toEqual({ format: 'codestream', problem, tests });
  });

  it('names the bad fields of problem.json', () => {
    const error = archiveError(() =>
      parseImportArchive(zip({ 'problem.json': JSON.stringify({ ...problem, difficulty: 'insane' }) }), LIMITS),
    );
    expect(error.reason).toBe('invalid-problem');
    expect(error.details?.map((d) => d.path)).toEqual(['difficulty']);
  });

  it('refuses a problem.json that is not JSON', () => {
    expect(archiveError(() => parseImportArchive(zip({ 'problem.json': '{oops' }), LIMITS)).message).toMatch(
      /not valid JSON/,
    );
  });
});

describe('bulk test archives', () => {
  it('puts sample/ pairs first as samples and everything else as hidden', () => {
    const tests = parseTestArchive(
      zip({
        'secret/b.in': 'b',
        'secret/b.ans': 'B',
        'sample/a.in': 'a',
        'sample/a.ans': 'A',
        'c.in': 'c',
        'c.out': 'C',
        'notes.txt': 'ignored',
      }),
      LIMITS,
    );
    expect(tests).toEqual([
      { kind: 'sample', input: 'a', output: 'A' },
      { kind: 'hidden', input: 'c', output: 'C' },
      { kind: 'hidden', input: 'b', output: 'B' },
    ]);
  });

  it('refuses an archive without pairs, and an answer without input', () => {
    expect(archiveError(() => parseTestArchive(zip({ 'a.txt': 'x' }), LIMITS)).reason).toBe('unpaired-test');
    expect(archiveError(() => parseTestArchive(zip({ 'a.ans': 'x' }), LIMITS)).message).toContain('a.ans has no');
  });
});
