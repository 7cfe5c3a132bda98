import { describe, expect, it } from 'vitest';
import { personNameSchema } from './auth.ts';
import { problemInputSchema } from './problems.ts';

function messages(result: { error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe('shared schemas on zod/mini', () => {
  it('report issues in English, as the problem editor and 400 details show them', () => {
    expect(messages(personNameSchema.safeParse(' '))).toEqual(['Too small: expected string to have >=1 characters']);
    expect(
      messages(
        problemInputSchema.safeParse({ slug: 'ab', title: 'T', statement: '', difficulty: 'easy', timeLimitMs: 'x' }),
      ),
    ).toEqual(['Invalid input: expected number, received string']);
  });
});
