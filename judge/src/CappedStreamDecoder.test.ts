import { describe, expect, it } from 'vitest';
import { CappedStreamDecoder } from './CappedStreamDecoder.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('CappedStreamDecoder', () => {
  it('holds back a character split across chunks until it is complete', () => {
    const decoder = new CappedStreamDecoder(100);
    const euro = bytes('€'); // 3 bytes
    expect(decoder.push(euro.subarray(0, 2))).toEqual({ text: '', truncated: false });
    expect(decoder.push(euro.subarray(2))).toEqual({ text: '€', truncated: false });
    expect(decoder.end()).toBe('');
  });

  it('keeps exactly the limit and reports truncation once', () => {
    const decoder = new CappedStreamDecoder(10);
    expect(decoder.push(bytes('12345678'))).toEqual({ text: '12345678', truncated: false });
    expect(decoder.push(bytes('abcdef'))).toEqual({ text: 'ab', truncated: true });
    expect(decoder.push(bytes('more'))).toEqual({ text: '', truncated: false });
    expect(decoder.truncated).toBe(true);
  });

  it('allows output of exactly the limit', () => {
    const decoder = new CappedStreamDecoder(4);
    expect(decoder.push(bytes('abcd'))).toEqual({ text: 'abcd', truncated: false });
    expect(decoder.truncated).toBe(false);
  });

  it('drops a character cut by the limit instead of showing a replacement character', () => {
    const decoder = new CappedStreamDecoder(4);
    expect(decoder.push(bytes('ab€'))).toEqual({ text: 'ab', truncated: true });
    expect(decoder.end()).toBe('');
  });

  it('shows an incomplete trailing character at end of stream as U+FFFD', () => {
    const decoder = new CappedStreamDecoder(10);
    decoder.push(bytes('€').subarray(0, 1));
    expect(decoder.end()).toBe('\uFFFD');
  });
});
