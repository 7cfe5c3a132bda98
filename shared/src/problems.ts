import { LANGUAGE_IDS } from './languages.ts';
import { MAX_CODE_BYTES } from './runEvents.ts';
import { z } from './zodMini.ts';

/**
 * The problem bank's wire schemas: what authors send (`…InputSchema`) and what the
 * server answers. Unknown keys are stripped rather than rejected, so the web app may
 * send a fetched `PublicProblem` back as a `ProblemInput`.
 */

/** Limits in bytes of UTF-8, the unit the server stores and the judge feeds. */
export const MAX_STATEMENT_BYTES = 100 * 1024;
export const MAX_STARTER_CODE_BYTES = 64 * 1024;

const encoder = new TextEncoder();
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Lowercase letters, digits and single dashes between them: safe in URLs and file names. */
export const PROBLEM_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const problemSlugSchema = z
  .string()
  .check(
    z.minLength(2),
    z.maxLength(64),
    z.regex(PROBLEM_SLUG_PATTERN, 'lowercase letters, digits and dashes (not at either end)'),
  );

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const difficultySchema = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof difficultySchema>;

export const VISIBILITIES = ['draft', 'published'] as const;
export const visibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof visibilitySchema>;

/** Byte for byte, except trailing whitespace at the end of the output. */
const exactCheckerSchema = z.object({ type: z.literal('exact') });
/** Whitespace-separated tokens must be equal; amounts of whitespace do not matter. */
const tokensCheckerSchema = z.object({ type: z.literal('tokens') });
/** Like tokens, but numeric tokens match within either tolerance. */
const floatCheckerSchema = z.object({
  type: z.literal('float'),
  absTolerance: z.number().check(z.gte(0)),
  relTolerance: z.number().check(z.gte(0)),
});

/**
 * A checker the problem's author wrote, run in its own sandbox container (never the
 * contestant's). It is started as `run input.txt expected.txt output.txt` in its work
 * dir with those three files, and answers by exit code: 0 accepted, 1 wrong answer,
 * anything else (or a crash or timeout) is an internal error. Its stdout, capped, is
 * shown as the test's message for sample tests only.
 *
 * Its code may embed answers: only authors and admins ever see it (see
 * publicCheckerSchema).
 */
export const customCheckerSchema = z.object({
  type: z.literal('custom'),
  language: z.enum(LANGUAGE_IDS),
  code: z.string().check(z.minLength(1, 'Write the checker program'), z.maxLength(MAX_CODE_BYTES)),
  /**
   * `kattis`: a Kattis/DOMjudge output validator instead: started as `run input.txt
   * expected.txt feedback` with the program's output on its stdin; exit 42 accepted, 43
   * wrong answer, anything else an internal error; `feedback/judge_message.txt` is its
   * message. Absent: the protocol above.
   */
  protocol: z.optional(z.enum(['codestream', 'kattis'])),
});

/**
 * An interactive problem: the author's interactor, in its own sandbox container, talks to
 * the program over its stdin/stdout during each test and gives the verdict, by the Kattis
 * protocol: it is started as `run input.txt expected.txt feedback` (the test's input and
 * expected output, which only its container sees), reads what the program prints on its
 * stdin, and what it prints reaches the program's stdin. Exit 42 accepted, 43 wrong
 * answer, anything else (a crash, its own limits) an internal error;
 * `feedback/judge_message.txt` is its message. The program's limits come first: a time,
 * memory or output limit is its verdict whatever the interactor said; when the interactor
 * ended first with wrong answer, that beats the program's failing on the closed input.
 * Its code may embed answers: only authors and admins see it.
 */
export const interactiveCheckerSchema = z.object({
  type: z.literal('interactive'),
  language: z.enum(LANGUAGE_IDS),
  code: z.string().check(z.minLength(1, 'Write the interactor program'), z.maxLength(MAX_CODE_BYTES)),
});

/**
 * How a program's output is compared with the expected output; the judge implements
 * each of them, and this one union is both what authors store on a problem and what
 * the judge is asked to apply (submissionCheckerSchema):
 * - exact: equal after normalising line endings (CRLF → LF) and dropping trailing
 *   whitespace at the end of the whole output (so a missing final newline is fine);
 * - tokens: whitespace-separated tokens equal, whatever the amount of whitespace;
 * - float: like tokens, but tokens that both parse as numbers match when
 *   |a − e| ≤ absTolerance or |a − e| ≤ relTolerance·|e|; NaN never matches;
 * - custom: the author's program, see customCheckerSchema;
 * - interactive: the author's interactor judges a dialogue, see interactiveCheckerSchema.
 */
export const checkerSchema = z.discriminatedUnion('type', [
  exactCheckerSchema,
  tokensCheckerSchema,
  floatCheckerSchema,
  customCheckerSchema,
  interactiveCheckerSchema,
]);
export type Checker = z.infer<typeof checkerSchema>;

/**
 * The checker as a solver sees it: a custom checker's language without its `code`,
 * which only authors and admins get (the problem editor sends it back on save).
 */
export const publicCheckerSchema = z.discriminatedUnion('type', [
  exactCheckerSchema,
  tokensCheckerSchema,
  floatCheckerSchema,
  z.extend(customCheckerSchema, { code: z.optional(customCheckerSchema.shape.code) }),
  z.extend(interactiveCheckerSchema, { code: z.optional(interactiveCheckerSchema.shape.code) }),
]);
export type PublicChecker = z.infer<typeof publicCheckerSchema>;

/** `checker` as `viewer` may see it: without a custom checker's or interactor's code unless they author problems. */
export function checkerFor(checker: Checker, viewer: 'author' | 'solver'): PublicChecker {
  if (viewer === 'author') return checker;
  if (checker.type === 'custom') {
    return { type: 'custom', language: checker.language, ...(checker.protocol ? { protocol: checker.protocol } : {}) };
  }
  if (checker.type === 'interactive') return { type: 'interactive', language: checker.language };
  return checker;
}

const tagSchema = z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(30));

/** A string of at most `max` UTF-8 bytes. */
function textOfAtMost(max: number, message: string) {
  return z.string().check(z.refine((s) => utf8Bytes(s) <= max, message));
}

export const problemInputSchema = z.object({
  slug: problemSlugSchema,
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  /** Markdown; raw HTML in it is shown as text. */
  statement: textOfAtMost(MAX_STATEMENT_BYTES, 'at most 100 kB'),
  difficulty: difficultySchema,
  tags: z.pipe(
    z._default(z.array(tagSchema).check(z.maxLength(10)), []),
    z.transform((tags) => [...new Set(tags)]),
  ),
  timeLimitMs: z._default(z.number().check(z.int(), z.gte(100), z.lte(10_000)), 2_000),
  memoryLimitMb: z._default(z.number().check(z.int(), z.gte(16), z.lte(1024)), 256),
  starterCode: z._default(
    z.partialRecord(z.enum(LANGUAGE_IDS), textOfAtMost(MAX_STARTER_CODE_BYTES, 'at most 64 kB')),
    {},
  ),
  checker: z._default(checkerSchema, { type: 'tokens' }),
  visibility: z._default(visibilitySchema, 'draft'),
  /** Judge stops at the first failing test (issue 4). */
  stopAtFirstFailure: z._default(z.boolean(), true),
});
/** A validated problem, defaults filled in. */
export type ProblemInput = z.infer<typeof problemInputSchema>;
/** What a client may send (defaults optional). */
export type ProblemInputBody = z.input<typeof problemInputSchema>;

export const TEST_KINDS = ['sample', 'hidden'] as const;
export const testKindSchema = z.enum(TEST_KINDS);
export type TestKind = z.infer<typeof testKindSchema>;

/** Sizes are enforced by the server (MAX_TEST_BYTES), which knows its configuration. */
export const testCaseInputSchema = z.object({
  kind: testKindSchema,
  input: z.string(),
  output: z.string(),
});
export type TestCaseInput = z.infer<typeof testCaseInputSchema>;

/** PUT of one test: the test itself, optionally moved to another position in its kind. */
export const testCaseUpdateSchema = z.extend(testCaseInputSchema, {
  order: z.optional(z.number().check(z.int(), z.gte(0))),
});
export type TestCaseUpdate = z.infer<typeof testCaseUpdateSchema>;

/** JSON form of POST /problems/:slug/tests/bulk. */
export const bulkTestsInputSchema = z.object({
  tests: z.array(testCaseInputSchema).check(z.minLength(1)),
  /** Delete the problem's existing tests first. */
  replace: z._default(z.boolean(), false),
});

export const renderMarkdownInputSchema = z.object({
  markdown: textOfAtMost(MAX_STATEMENT_BYTES, 'at most 100 kB'),
});

/** Query of GET /problems; `visibility` only counts for authors and admins. */
export const problemListQuerySchema = z.object({
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  tag: z.optional(tagSchema),
  difficulty: z.optional(difficultySchema),
  visibility: z.optional(visibilitySchema),
  page: z._default(z.coerce.number().check(z.int(), z.gte(1)), 1),
  pageSize: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
});
export type ProblemListQuery = z.infer<typeof problemListQuerySchema>;

export const problemSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  difficulty: difficultySchema,
  tags: z.array(z.string()),
  visibility: visibilitySchema,
});
export type ProblemSummary = z.infer<typeof problemSummarySchema>;

export const problemListSchema = z.object({
  items: z.array(problemSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type ProblemList = z.infer<typeof problemListSchema>;

export const sampleSchema = z.object({ input: z.string(), output: z.string() });
export type Sample = z.infer<typeof sampleSchema>;

/**
 * Everything a solver may see. Hidden tests appear only as a count, and a custom
 * checker without its code (authors and admins get the code: see checkerFor).
 */
export const publicProblemSchema = z.extend(problemInputSchema, {
  checker: publicCheckerSchema,
  /** The statement rendered to sanitised HTML. */
  statementHtml: z.string(),
  samples: z.array(sampleSchema),
  hiddenTestCount: z.number(),
});
export type PublicProblem = z.output<typeof publicProblemSchema>;

/** A test case as authors see it. */
export const testCaseSchema = z.object({
  id: z.string(),
  kind: testKindSchema,
  input: z.string(),
  output: z.string(),
  /** Position within its kind; samples run before hidden tests. */
  order: z.number(),
});
export type TestCase = z.infer<typeof testCaseSchema>;

/** A test in GET /problems/:slug/tests: texts cut to a preview; GET …/tests/:id has them whole. */
export const testCasePreviewSchema = z.extend(testCaseSchema, {
  inputBytes: z.number(),
  outputBytes: z.number(),
  /** Whether input or output was cut. */
  truncated: z.boolean(),
});
export type TestCasePreview = z.infer<typeof testCasePreviewSchema>;
