import { LANGUAGE_IDS } from './languages.ts';
import { type Checker, checkerSchema, testKindSchema } from './problems.ts';
import { requestIdSchema } from './requestId.ts';
import { MAX_CODE_BYTES, queueKeySchema } from './runEvents.ts';
import { z } from './zodMini.ts';

/**
 * Judged submissions: the program runs once per test, all tests in one sandbox, and
 * each test gets a verdict as soon as it is known.
 *
 * Overall verdict (`overallVerdict`, the one place the rule lives):
 *   1. `compilation-error` when the compile step failed (no test ran);
 *   2. else `internal-error` when any test is `internal-error` (the judge failed, not
 *      the program; the other verdicts cannot be trusted to be complete);
 *   3. else the verdict of the first test, in test order, that is not `accepted`;
 *   4. else `accepted`.
 * Stopped before all tests were judged: `internal-error` with `stopped`, which says nothing of the program.
 * `stopAtFirstFailure`: when true, no test is judged after the first one that is not
 * accepted (so `passed < total` and fewer `test` events than tests; the few already
 * queued in the sandbox behind it are dropped unreported with the container); when
 * false every test runs, which shows how many pass. Samples come first in the request's order.
 */

export const VERDICTS = [
  'accepted',
  'wrong-answer',
  'time-limit',
  'memory-limit',
  'runtime-error',
  'output-limit',
  'compilation-error',
  'internal-error',
] as const;
export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

/**
 * The checker the judge applies: the problem's own (see checkerSchema in problems.ts,
 * where every checker, custom programs included, is described).
 */
export const submissionCheckerSchema = checkerSchema;
export type SubmissionChecker = Checker;

export const MAX_SUBMISSION_TESTS = 1000;
/** Per test input and per expected output. */
export const MAX_TEST_DATA_BYTES = 16 * 1024 * 1024;

export const submissionTestSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  kind: testKindSchema,
  input: z.string().check(z.maxLength(MAX_TEST_DATA_BYTES)),
  expectedOutput: z.string().check(z.maxLength(MAX_TEST_DATA_BYTES)),
});
export type SubmissionTest = z.infer<typeof submissionTestSchema>;

export const submitRequestSchema = z.object({
  language: z.enum(LANGUAGE_IDS),
  code: z.string().check(z.maxLength(MAX_CODE_BYTES)),
  tests: z.array(submissionTestSchema).check(z.minLength(1), z.maxLength(MAX_SUBMISSION_TESTS)),
  checker: submissionCheckerSchema,
  /** Per test: CPU time (ms) and peak memory of the program. The judge clamps them to its maxima. */
  limits: z.object({
    timeMs: z.number().check(z.int(), z.positive()),
    memoryMb: z.number().check(z.int(), z.positive()),
  }),
  stopAtFirstFailure: z.boolean(),
  /**
   * An author's reference run that generates expected outputs: no output is checked, a
   * test the program ran fine on is `accepted` and its event carries the whole `output`
   * (hidden tests too). Never set for a contestant's submission; not for interactive problems.
   */
  generateOutputs: z.optional(z.boolean()),
  /** See RunRequest.queueKey. */
  queueKey: z.optional(queueKeySchema),
  /** See RunRequest.requestId. */
  requestId: z.optional(requestIdSchema),
});
export type SubmitRequest = z.infer<typeof submitRequestSchema>;

/** Output of a sample test shown to the submitter is cut to this many characters. */
export const SAMPLE_OUTPUT_PREVIEW_CHARS = 4096;

/** The last event of every submission. `passed` counts accepted tests; `total` is the number of tests requested. */
export const finishedEventSchema = z.object({
  type: z.literal('finished'),
  verdict: verdictSchema,
  passed: z.number().check(z.int(), z.gte(0)),
  total: z.number().check(z.int(), z.gte(0)),
  compileMs: z.optional(z.number()),
  totalMs: z.number(),
  message: z.optional(z.string()),
  /**
   * Set when the submission was stopped (Stop, everyone left, judge shutting down)
   * before all its tests were judged; the verdict is then `internal-error` and says
   * nothing about the program.
   */
  stopped: z.optional(z.literal(true)),
});

export const submitEventSchema = z.discriminatedUnion('type', [
  /** Waiting for a free sandbox; sent again whenever the position changes. 1 is next. */
  z.object({ type: z.literal('queued'), position: z.number().check(z.int(), z.positive()) }),
  /** Only for languages with a compile step. */
  z.object({ type: z.literal('compiling') }),
  /**
   * `message`: the compiler's output (capped), when it failed or warned;
   * `truncatedAfterBytes`: set when the compiler said more, cut after that many bytes.
   */
  z.object({
    type: z.literal('compiled'),
    ok: z.boolean(),
    message: z.optional(z.string()),
    truncatedAfterBytes: z.optional(z.number().check(z.int(), z.positive())),
  }),
  /**
   * One per test that ran, in order, as soon as its verdict is known. Never carries
   * input, expected or actual output of a hidden test; for a sample test `output` is
   * the program's stdout, cut to SAMPLE_OUTPUT_PREVIEW_CHARS (with `generateOutputs`,
   * every test's whole stdout).
   */
  z.object({
    type: z.literal('test'),
    index: z.number().check(z.int(), z.gte(0)),
    id: z.string(),
    kind: testKindSchema,
    verdict: verdictSchema,
    /** CPU time of all the program's processes, measured inside the sandbox. */
    cpuMs: z.number(),
    wallMs: z.number(),
    /** Peak resident memory of the largest process of the program. */
    memoryKb: z.number(),
    exitCode: z.optional(z.number().check(z.int())),
    /** e.g. SIGSEGV, when a signal ended the program. */
    signal: z.optional(z.string()),
    message: z.optional(z.string()),
    output: z.optional(z.string()),
  }),
  finishedEventSchema,
]);
export type SubmitEvent = z.infer<typeof submitEventSchema>;
export type TestEvent = Extract<SubmitEvent, { type: 'test' }>;
export type FinishedEvent = z.infer<typeof finishedEventSchema>;

/** The overall verdict rule (see the top of this file). */
export function overallVerdict(compiled: boolean, testVerdicts: readonly Verdict[]): Verdict {
  if (!compiled) return 'compilation-error';
  if (testVerdicts.includes('internal-error')) return 'internal-error';
  return testVerdicts.find((v) => v !== 'accepted') ?? 'accepted';
}
