import { LANGUAGE_IDS } from './languages.ts';
import { MAX_CODE_BYTES } from './runEvents.ts';
import { submitEventSchema } from './submissions.ts';
import { z } from './zodMini.ts';

/**
 * POST /api/problems/:slug/reference-check: an author's reference solution, judged
 * against every test of the problem (each test's verdict reported, all must pass), or,
 * with `generateOutputs`, run to write every test's expected output (not for
 * interactive problems, whose interactor judges without one).
 */
export const referenceCheckInputSchema = z.object({
  language: z.enum(LANGUAGE_IDS),
  code: z.string().check(z.minLength(1, 'Write the reference solution'), z.maxLength(MAX_CODE_BYTES)),
  generateOutputs: z._default(z.boolean(), false),
});
export type ReferenceCheckInput = z.input<typeof referenceCheckInputSchema>;

/**
 * One line of the answer's NDJSON stream: the judge's events as they come (a test
 * event never carries output), then, when outputs were generated and every test ran
 * fine, `outputs-saved` with how many tests were rewritten, or `outputs-refused` saying
 * why none was (an output past the size limits).
 */
export const referenceCheckEventSchema = z.union([
  submitEventSchema,
  z.object({ type: z.literal('outputs-saved'), updated: z.number().check(z.int(), z.gte(0)) }),
  z.object({ type: z.literal('outputs-refused'), message: z.string() }),
]);
export type ReferenceCheckEvent = z.infer<typeof referenceCheckEventSchema>;
