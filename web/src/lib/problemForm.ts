import {
  type Checker,
  DEFAULT_LANGUAGE,
  type Difficulty,
  LANGUAGE_IDS,
  type LanguageId,
  type ProblemInput,
  type ProblemInputBody,
  type PublicChecker,
  problemInputSchema,
  type Visibility,
} from '@codestream/shared';
// This form words the schema's issues itself: zod's English (only here in the browser).
import '@codestream/shared/zodEnglish';
import type { FieldIssue } from './http.ts';

/** What the problem editor's fields hold: numbers and lists as the person typed them. */
export interface ProblemFormState {
  slug: string;
  title: string;
  statement: string;
  difficulty: Difficulty;
  /** Comma-separated. */
  tags: string;
  timeLimitMs: string;
  memoryLimitMb: string;
  starterCode: Record<LanguageId, string>;
  checkerType: Checker['type'];
  absTolerance: string;
  relTolerance: string;
  /** The custom checker's (or interactor's) language and program. */
  checkerLanguage: LanguageId;
  checkerCode: string;
  /** A custom checker's protocol, kept as loaded (Kattis validators are imported with `kattis`). */
  checkerProtocol: 'codestream' | 'kattis' | undefined;
  visibility: Visibility;
  stopAtFirstFailure: boolean;
}

const noStarterCode = (): Record<LanguageId, string> =>
  Object.fromEntries(LANGUAGE_IDS.map((id) => [id, ''])) as Record<LanguageId, string>;

export function emptyProblemForm(): ProblemFormState {
  return {
    slug: '',
    title: '',
    statement: '',
    difficulty: 'easy',
    tags: '',
    timeLimitMs: '2000',
    memoryLimitMb: '256',
    starterCode: noStarterCode(),
    checkerType: 'tokens',
    absTolerance: '1e-6',
    relTolerance: '1e-6',
    checkerLanguage: DEFAULT_LANGUAGE,
    checkerCode: '',
    checkerProtocol: undefined,
    visibility: 'draft',
    stopAtFirstFailure: true,
  };
}

/**
 * A problem as the editor loads it: a ProblemInput, or a fetched PublicProblem (whose
 * custom checker has its code, since only authors open the editor).
 */
export type EditableProblem = Omit<ProblemInput, 'checker'> & { checker: PublicChecker };

export function problemFormFrom(problem: EditableProblem): ProblemFormState {
  const starterCode = noStarterCode();
  for (const id of LANGUAGE_IDS) starterCode[id] = problem.starterCode[id] ?? '';
  const { checker } = problem;
  return {
    slug: problem.slug,
    title: problem.title,
    statement: problem.statement,
    difficulty: problem.difficulty,
    tags: problem.tags.join(', '),
    timeLimitMs: String(problem.timeLimitMs),
    memoryLimitMb: String(problem.memoryLimitMb),
    starterCode,
    checkerType: checker.type,
    absTolerance: checker.type === 'float' ? String(checker.absTolerance) : '1e-6',
    relTolerance: checker.type === 'float' ? String(checker.relTolerance) : '1e-6',
    checkerLanguage: checker.type === 'custom' || checker.type === 'interactive' ? checker.language : DEFAULT_LANGUAGE,
    checkerCode: checker.type === 'custom' || checker.type === 'interactive' ? (checker.code ?? '') : '',
    checkerProtocol: checker.type === 'custom' ? checker.protocol : undefined,
    visibility: problem.visibility,
    stopAtFirstFailure: problem.stopAtFirstFailure,
  };
}

/** "Graph, DP ,, graph" → ["graph", "dp"]: trimmed, lowercased, without empties or repeats. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  return [...new Set(tags)];
}

/** A number typed in a field; NaN for anything that is not one (the schema then names the field). */
function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The request body the form stands for. Starter code left empty is not sent. */
export function problemBodyFrom(form: ProblemFormState): ProblemInputBody {
  const starterCode: Partial<Record<LanguageId, string>> = {};
  for (const id of LANGUAGE_IDS) {
    if (form.starterCode[id].trim() !== '') starterCode[id] = form.starterCode[id];
  }
  return {
    slug: form.slug.trim(),
    title: form.title.trim(),
    statement: form.statement,
    difficulty: form.difficulty,
    tags: parseTags(form.tags),
    timeLimitMs: parseNumber(form.timeLimitMs),
    memoryLimitMb: parseNumber(form.memoryLimitMb),
    starterCode,
    checker: checkerFrom(form),
    visibility: form.visibility,
    stopAtFirstFailure: form.stopAtFirstFailure,
  };
}

/** Only the chosen checker's own fields are sent (tolerances, or a program). */
function checkerFrom(form: ProblemFormState): Checker {
  switch (form.checkerType) {
    case 'float':
      return {
        type: 'float',
        absTolerance: parseNumber(form.absTolerance),
        relTolerance: parseNumber(form.relTolerance),
      };
    case 'custom':
      return {
        type: 'custom',
        language: form.checkerLanguage,
        code: form.checkerCode,
        ...(form.checkerProtocol ? { protocol: form.checkerProtocol } : {}),
      };
    case 'interactive':
      return { type: 'interactive', language: form.checkerLanguage, code: form.checkerCode };
    default:
      return { type: form.checkerType };
  }
}

/** Issues on single tags (`tags.3`) belong to the field that holds them all. */
export function normalizeProblemIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => (/^tags\.\d+$/.test(issue.path) ? { ...issue, path: 'tags' } : issue));
}

/**
 * Checks the body with the schema the server uses, reporting issues in the server's
 * `details` shape so the form shows both the same way.
 */
export function validateProblemBody(body: ProblemInputBody): FieldIssue[] {
  const parsed = problemInputSchema.safeParse(body);
  if (parsed.success) return [];
  return normalizeProblemIssues(
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.code === 'invalid_type' && issue.expected === 'number' ? 'Enter a number' : issue.message,
    })),
  );
}

/** A slug suggested from a title: "Two Sum (easy)" → "two-sum-easy". */
export function slugFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** Every form path the problem editor shows an error beside. */
export const PROBLEM_FORM_PATHS: readonly string[] = [
  'slug',
  'title',
  'statement',
  'difficulty',
  'tags',
  'timeLimitMs',
  'memoryLimitMb',
  ...LANGUAGE_IDS.map((id) => `starterCode.${id}`),
  'checker',
  'checker.type',
  'checker.absTolerance',
  'checker.relTolerance',
  'checker.language',
  'checker.code',
  'visibility',
  'stopAtFirstFailure',
];
