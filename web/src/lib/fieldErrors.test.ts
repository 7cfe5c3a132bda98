import { describe, expect, it } from 'vitest';
import { describeIssue, splitFieldIssues } from './fieldErrors.ts';

describe('splitFieldIssues', () => {
  it('keeps the first message of each shown field and lists the others', () => {
    const { byField, other } = splitFieldIssues(
      [
        { path: 'email', message: 'Invalid email' },
        { path: 'email', message: 'Too long' },
        { path: 'starterCode.python', message: 'at most 64 kB' },
        { path: '', message: 'Unknown key' },
      ],
      ['email', 'password'],
    );
    expect(byField).toEqual({ email: 'Invalid email' });
    expect(other).toEqual([
      { path: 'starterCode.python', message: 'at most 64 kB' },
      { path: '', message: 'Unknown key' },
    ]);
  });

  it('describes issues with and without a path', () => {
    expect(describeIssue({ path: 'tags.0', message: 'Too long' })).toBe('tags.0: Too long');
    expect(describeIssue({ path: '', message: 'Bad' })).toBe('Bad');
  });
});
