import { problemInputSchema } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { CLASSIC_PROBLEMS } from './classicProblems.ts';

describe('seed problems', () => {
  it('are valid, published, with starter code, samples and at least 3 hidden tests', () => {
    expect(CLASSIC_PROBLEMS.length).toBeGreaterThanOrEqual(5);
    for (const { problem, tests } of CLASSIC_PROBLEMS) {
      const parsed = problemInputSchema.parse(problem);
      expect(parsed.visibility).toBe('published');
      expect(Object.keys(parsed.starterCode).sort()).toEqual(['javascript', 'python']);
      const samples = tests.filter((t) => t.kind === 'sample').length;
      expect(samples, problem.slug).toBeGreaterThanOrEqual(1);
      expect(samples, problem.slug).toBeLessThanOrEqual(2);
      expect(tests.filter((t) => t.kind === 'hidden').length, problem.slug).toBeGreaterThanOrEqual(3);
    }
  });

  it('include a float-tolerance problem', () => {
    expect(CLASSIC_PROBLEMS.some(({ problem }) => problem.checker?.type === 'float')).toBe(true);
  });

  it('give two-sum inputs exactly one answer', () => {
    const twoSum = CLASSIC_PROBLEMS.find(({ problem }) => problem.slug === 'two-sum');
    for (const test of twoSum?.tests ?? []) {
      const [, line = '', target = ''] = test.input.trim().split('\n');
      const nums = line.split(' ').map(Number);
      const pairs: string[] = [];
      nums.forEach((a, i) => {
        nums.forEach((b, j) => {
          if (i < j && a + b === Number(target)) pairs.push(`${i} ${j}\n`);
        });
      });
      expect(pairs).toEqual([test.output]);
    }
  });
});
