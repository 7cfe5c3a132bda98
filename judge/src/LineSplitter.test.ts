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

  it('splits the same lines wherever the text is cut, one character at a time included', () => {
    const text = '{"a":1}\n\n{"bb":22}\n  \n{"c":3}\n{"d"';
    for (let size = 1; size <= text.length; size++) {
      const lines = new LineSplitter();
      const out: string[] = [];
      for (let at = 0; at < text.length; at += size) out.push(...lines.push(text.slice(at, at + size)));
      expect(out).toEqual(['{"a":1}', '{"bb":22}', '{"c":3}']);
      expect(lines.end()).toBe('{"d"');
    }
  });

  it('refuses a line that grows past the maximum, counting all its pieces', () => {
    const pieces = new LineSplitter(8);
    pieces.push('12345');
    expect(() => pieces.push('6789')).toThrow(/longer than 8/);
    const lines = new LineSplitter(8);
    expect(() => lines.push('123456789')).toThrow(/longer than 8/);
  });
});
