import { describe, expect, it } from 'vitest';
import { parseList } from './accountList.ts';

describe('parseList', () => {
  it('splits on lines, commas and spaces, dropping blanks and repeats', () => {
    expect(parseList(' ada@example.org,\nbo@example.org  ada@example.org;\n\n')).toEqual([
      'ada@example.org',
      'bo@example.org',
    ]);
    expect(parseList('   ')).toEqual([]);
  });
});
