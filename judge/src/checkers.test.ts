import { describe, expect, it } from 'vitest';
import { exactMatch, floatMatch, tokensMatch } from './checkers.ts';

describe('exactMatch', () => {
  it('ignores trailing whitespace at the end and CRLF line endings', () => {
    expect(exactMatch('1 2\n3\n', '1 2\n3')).toBe(true);
    expect(exactMatch('1 2\n3\n', '1 2\r\n3\r\n\r\n')).toBe(true);
    expect(exactMatch('a\n', 'a  \n\n')).toBe(true);
  });

  it('compares everything else byte for byte', () => {
    expect(exactMatch('1 2\n3\n', '1  2\n3\n')).toBe(false);
    expect(exactMatch('1 2\n3\n', ' 1 2\n3\n')).toBe(false);
    expect(exactMatch('a b\n', 'a b \nc')).toBe(false);
    expect(exactMatch('Yes', 'yes')).toBe(false);
    expect(exactMatch('', '')).toBe(true);
  });
});

describe('tokensMatch', () => {
  it('ignores the amount and kind of whitespace', () => {
    expect(tokensMatch('1 2\n3\n', '  1\t2 3')).toBe(true);
    expect(tokensMatch('1 2 3', '1\r\n2\r\n3\r\n')).toBe(true);
    expect(tokensMatch('', ' \n ')).toBe(true);
  });

  it('requires the same tokens in the same order', () => {
    expect(tokensMatch('1 2 3', '1 3 2')).toBe(false);
    expect(tokensMatch('1 2 3', '1 2')).toBe(false);
    expect(tokensMatch('1 2', '1 2 3')).toBe(false);
    expect(tokensMatch('1.0', '1')).toBe(false);
  });
});

describe('floatMatch', () => {
  const tol = { absTolerance: 1e-6, relTolerance: 1e-6 };

  it('accepts numbers within the absolute or the relative tolerance', () => {
    expect(floatMatch('0.3333333', '0.33333335', tol)).toBe(true);
    expect(floatMatch('1000000000', '1000000500', tol)).toBe(true);
    expect(floatMatch('1e9', '1000000000.0', tol)).toBe(true);
    expect(floatMatch('1.5 2.5', '1.5000001\n2.4999999', tol)).toBe(true);
  });

  it('rejects numbers outside both tolerances', () => {
    expect(floatMatch('0.5', '0.5001', tol)).toBe(false);
    expect(floatMatch('1000000000', '1000002000', tol)).toBe(false);
    expect(floatMatch('1', '-1', { absTolerance: 1, relTolerance: 0 })).toBe(false);
  });

  it('never accepts NaN or a non-number where a number is expected', () => {
    expect(floatMatch('1.0', 'NaN', { absTolerance: 1e9, relTolerance: 1e9 })).toBe(false);
    expect(floatMatch('NaN', 'NaN', tol)).toBe(false);
    expect(floatMatch('1.0', 'abc', tol)).toBe(false);
    expect(floatMatch('1.0', 'Infinity', { absTolerance: 1e9, relTolerance: 1e9 })).toBe(false);
  });

  it('compares non-numeric tokens exactly and counts tokens', () => {
    expect(floatMatch('YES 1.0', 'YES 1.0000001', tol)).toBe(true);
    expect(floatMatch('YES 1.0', 'yes 1.0', tol)).toBe(false);
    expect(floatMatch('1.0 2.0', '1.0', tol)).toBe(false);
  });
});
