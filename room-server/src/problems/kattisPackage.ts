import { type Checker, MAX_STATEMENT_BYTES, type ProblemInputBody, type TestKind } from '@codestream/shared';
import { parse as parseYaml } from 'yaml';
import { ArchiveError } from './ArchiveError.ts';
import type { ImportedProblem } from './ImportedProblem.ts';
import { validatorCheckerOf } from './kattisValidator.ts';
import { slugify } from './slugify.ts';
import { pairTestFiles } from './testPairs.ts';
import { texToMarkdown } from './texToMarkdown.ts';
import { textOf, type ZipEntries } from './zipFiles.ts';

/**
 * Reads an ICPC/Kattis problem package (problemarchive.org, legacy and 2023-07 layouts)
 * whose files are given relative to the folder holding problem.yaml.
 * A custom output validator or interactor becomes a checker speaking the Kattis
 * protocol (kattisValidator.ts); scoring and multi-pass problems are refused.
 */
export function parseKattisPackage(
  entries: ZipEntries,
  options: { folderName: string; slug?: string; maxTestBytes: number },
): ImportedProblem {
  const config = readProblemYaml(entries);
  const validator = validatorCheckerOf(entries, config);
  const statement = readStatement(entries);
  const title = nameOf(config.name) ?? statement.title ?? options.folderName;
  if (!title) throw new ArchiveError('invalid-problem', 'problem.yaml has no name and the statement no title');

  const tests = pairTestFiles(entries, kindOfDataFile, options.maxTestBytes);
  if (!tests.some((t) => t.kind === 'hidden')) {
    throw new ArchiveError('invalid-problem', 'The package has no data/secret/*.in and .ans test files');
  }

  const slug = options.slug ?? (slugify(options.folderName) || slugify(title));
  if (!slug) throw new ArchiveError('no-slug', 'Cannot derive a slug from the package; pass ?slug=');
  const limits = isRecord(config.limits) ? config.limits : {};
  const problem: ProblemInputBody = {
    slug,
    title: title.slice(0, 120),
    statement: statement.markdown,
    // Packages carry no difficulty; authors set it after import.
    difficulty: 'medium',
    tags: keywordsOf(config.keywords),
    timeLimitMs: timeLimitMs(entries, limits),
    memoryLimitMb: clamp(Number(limits.memory) || 256, 16, 1024),
    checker: validator ?? checkerOf(config.validator_flags),
    visibility: 'draft',
    stopAtFirstFailure: true,
  };
  return { problem, tests };
}

function readProblemYaml(entries: ZipEntries): Record<string, unknown> {
  const bytes = entries.get('problem.yaml');
  if (!bytes) throw new ArchiveError('no-problem-file', 'The package has no problem.yaml');
  let config: unknown;
  try {
    // The yaml library caps alias expansion by default, so "billion laughs" files fail fast.
    config = parseYaml(textOf(bytes, 'problem.yaml'));
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError('invalid-problem', `problem.yaml is not valid YAML: ${(err as Error).message}`);
  }
  // An empty problem.yaml is valid in the legacy format: every key has a default.
  if (config === null || config === undefined) return {};
  if (!isRecord(config)) throw new ArchiveError('invalid-problem', 'problem.yaml must be a mapping of keys');
  return config;
}

/**
 * Largest statement source read. LaTeX carries markup the Markdown result drops, hence
 * some room over the statement's own limit; the cap keeps the conversion (a few dozen
 * regular-expression passes) short.
 */
export const MAX_STATEMENT_SOURCE_BYTES = 4 * MAX_STATEMENT_BYTES;

/** problem_statement/ (legacy) or statement/ (2023-07); Markdown preferred, English preferred. */
function readStatement(entries: ZipEntries): { markdown: string; title?: string } {
  const candidates = [...entries.keys()].filter((p) => /^(problem_)?statement\/problem(\.[a-z-]+)?\.(md|tex)$/.test(p));
  const rank = (path: string) => (path.endsWith('.md') ? 0 : 2) + (/\.en\.|\/problem\.(md|tex)$/.test(path) ? 0 : 1);
  const best = candidates.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
  if (!best) {
    throw new ArchiveError(
      'no-problem-file',
      'The package has no statement: expected problem_statement/problem.en.md or problem_statement/problem.en.tex',
    );
  }
  const bytes = entries.get(best) ?? new Uint8Array();
  if (bytes.length > MAX_STATEMENT_SOURCE_BYTES) {
    throw new ArchiveError(
      'too-large',
      `${best} is ${bytes.length} bytes; a statement source may be at most ${MAX_STATEMENT_SOURCE_BYTES} bytes`,
    );
  }
  const text = textOf(bytes, best);
  if (best.endsWith('.tex')) return texToMarkdown(text);
  const heading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
  return { markdown: text, ...(heading ? { title: heading } : {}) };
}

function kindOfDataFile(path: string): TestKind | undefined {
  if (path.startsWith('data/sample/')) return 'sample';
  if (path.startsWith('data/secret/')) return 'hidden';
  return undefined;
}

/** `name` is a string (legacy) or a map of language → name (2023-07). */
function nameOf(name: unknown): string | undefined {
  if (typeof name === 'string' && name.trim()) return name.trim();
  if (isRecord(name)) {
    const value = name.en ?? Object.values(name)[0];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

function keywordsOf(keywords: unknown): string[] {
  const words = typeof keywords === 'string' ? keywords.split(/\s+/) : Array.isArray(keywords) ? keywords : [];
  return words
    .filter((w): w is string => typeof w === 'string')
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length >= 1 && w.length <= 30)
    .slice(0, 10);
}

/**
 * The `.timelimit` file (seconds, written by problemtools) or `limits.time_limit`
 * (2023-07). `limits.time_multiplier` alone cannot give one: it scales the run time of
 * the package's judge solutions, which CodeStream does not run; then the default applies.
 */
function timeLimitMs(entries: ZipEntries, limits: Record<string, unknown>): number {
  const file = entries.get('.timelimit');
  const seconds = file ? Number(textOf(file, '.timelimit').trim()) : Number(limits.time_limit);
  if (!Number.isFinite(seconds) || seconds <= 0) return 2_000;
  return clamp(Math.round(seconds * 1000), 100, 10_000);
}

/** Default validation compares tokens; `float_tolerance` & co. make numbers approximate. */
function checkerOf(flags: unknown): Checker {
  const words = typeof flags === 'string' ? flags.split(/\s+/) : [];
  const valueAfter = (flag: string) => {
    const i = words.indexOf(flag);
    const value = i === -1 ? Number.NaN : Number(words[i + 1]);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const both = valueAfter('float_tolerance');
  const abs = valueAfter('float_absolute_tolerance') ?? both;
  const rel = valueAfter('float_relative_tolerance') ?? both;
  if (abs !== undefined || rel !== undefined) return { type: 'float', absTolerance: abs ?? 0, relTolerance: rel ?? 0 };
  return { type: 'tokens' };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
