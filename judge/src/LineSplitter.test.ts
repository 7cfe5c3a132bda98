import { describe, expect, it } from 'vitest';
import { LineSplitter } from './LineSplitter.ts';

describe('LineSplitter', () => {
  it('returns only complete lines, joining pieces across pushes', () => {
    const lines = new LineSplitter();
    expect(lines.push('{"a":')).toEqual([]);
    expect(lines.push('1}\n{"b"')).toEqual(['{"a":1}']);
    expect(lines.push(':2}\n\n{"c":3}\n')).toEqual(['{"b":2}', '{"c":3}']);
    expect(lines.end()).toBeUndefined();
  });

  it('returns an unterminated last line at the end', () => {
    const lines = new LineSplitter();
    lines.push('x\ny');
    expect(lines.end()).toBe('y');
  });

  it('refuses a line that grows past the maximum', () => {
    const lines = new LineSplitter(8);
    expect(() => lines.push('123456789')).toThrow(/longer than 8/);
  });
});
