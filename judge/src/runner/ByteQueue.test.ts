import { describe, expect, it } from 'vitest';
import { ByteQueue } from './ByteQueue.ts';

function queueOf(...pieces: string[]): ByteQueue {
  const queue = new ByteQueue();
  for (const piece of pieces) queue.push(Buffer.from(piece));
  return queue;
}

describe('ByteQueue', () => {
  it('takes bytes across pieces in order and counts what is left', () => {
    const queue = queueOf('ab', '', 'cde', 'f');
    expect(queue.length).toBe(6);
    expect(queue.take(1).toString()).toBe('a');
    expect(queue.take(3).toString()).toBe('bcd');
    expect(queue.length).toBe(2);
    expect(queue.take(2).toString()).toBe('ef');
    expect(queue.take(0).byteLength).toBe(0);
    expect(() => queue.take(1)).toThrow(RangeError);
  });

  it('returns a copy from take and a view from takePiece', () => {
    const piece = Buffer.from('abcdef');
    const queue = new ByteQueue();
    queue.push(piece);
    const copied = queue.take(2);
    const viewed = queue.takePiece(100);
    piece.fill('z');
    expect(copied.toString()).toBe('ab');
    expect(viewed.toString()).toBe('zzzz');
    expect(queue.length).toBe(0);
    expect(queue.takePiece(1).byteLength).toBe(0);
  });

  it('finds a byte only within the limit, across pieces', () => {
    const queue = queueOf('ab', 'c\n', 'd\n');
    expect(queue.indexOf(10, 100)).toBe(3);
    expect(queue.indexOf(10, 3)).toBe(-1);
    expect(queue.indexOf(10, 4)).toBe(3);
    queue.take(4);
    expect(queue.indexOf(10, 100)).toBe(1);
    expect(queue.indexOf(0x78, 100)).toBe(-1);
  });

  it('stays in order through many one-byte pieces (consumed pieces are dropped in bulk)', () => {
    const text = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const queue = queueOf(...text);
    let out = '';
    for (let size = 1; queue.length > 0; size = (size % 7) + 1) out += queue.take(Math.min(size, queue.length));
    expect(out).toBe(text);
  });
});
