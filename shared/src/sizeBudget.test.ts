import { describe, expect, it } from 'vitest';
import { SizeBudget } from './sizeBudget.ts';

function budget(limit: number, sizes: number[]) {
  let measured = 0;
  const queue = [...sizes];
  const b = new SizeBudget({
    limit,
    measure: () => {
      measured++;
      return queue.length > 1 ? (queue.shift() as number) : (queue[0] as number);
    },
  });
  return { b, measures: () => measured };
}

describe('SizeBudget', () => {
  it('measures once, then only when the bound would pass the limit', () => {
    const { b, measures } = budget(100, [10]);
    expect(b.fits(5)).toBe(true);
    expect(measures()).toBe(1);
    b.grew(5);
    b.grew(30);
    expect(b.fits(50)).toBe(true);
    expect(measures()).toBe(1);
    b.grew(50);
    // Bound 95 + 10 passes 100: measured again (still 10 exactly, e.g. after deletions).
    expect(b.fits(10)).toBe(true);
    expect(measures()).toBe(2);
  });

  it('refuses only when the exact size plus the change is over the limit', () => {
    const { b } = budget(100, [60, 95]);
    expect(b.fits(40)).toBe(true);
    b.grew(40);
    expect(b.fits(6)).toBe(false);
    expect(b.fits(5)).toBe(true);
  });
});
