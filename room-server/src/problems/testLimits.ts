import type { TestCaseInput } from '@codestream/shared';

/**
 * A test case is one MongoDB document holding input and output, and documents hold at
 * most 16 MiB: with MAX_TEST_BYTES for each text, the pair must still fit.
 */
export const MAX_TEST_DOCUMENT_BYTES = 15 * 1024 * 1024;

/** Keeps one problem's judging (one container run per test) and its listing bounded. */
export const MAX_TESTS_PER_PROBLEM = 1000;

/** What is wrong with the size of a test, or undefined when it fits. */
export function testSizeProblem(
  test: Pick<TestCaseInput, 'input' | 'output'>,
  maxTestBytes: number,
): string | undefined {
  const input = Buffer.byteLength(test.input);
  const output = Buffer.byteLength(test.output);
  if (input > maxTestBytes) return `input is ${input} bytes; at most ${maxTestBytes} allowed`;
  if (output > maxTestBytes) return `output is ${output} bytes; at most ${maxTestBytes} allowed`;
  if (input + output > MAX_TEST_DOCUMENT_BYTES) {
    return `input and output together are ${input + output} bytes; at most ${MAX_TEST_DOCUMENT_BYTES} allowed`;
  }
  return undefined;
}
