import { describe, expect, it } from 'vitest';
import { ChatRateLimiter } from './ChatRateLimiter.ts';

describe('ChatRateLimiter', () => {
  it('takes `limit` events per window and refuses the next, per key', () => {
    const limiter = new ChatRateLimiter<string>(3, 1000);
    expect([0, 10, 20].map((t) => limiter.take('a', t))).toEqual([true, true, true]);
    expect(limiter.take('a', 30)).toBe(false);
    expect(limiter.take('b', 30)).toBe(true);
    expect(limiter.waitMs('a', 30)).toBe(970);
  });

  it('slides: the oldest event leaving the window makes room for one more; refusals do not count', () => {
    const limiter = new ChatRateLimiter<string>(2, 1000);
    limiter.take('a', 0);
    limiter.take('a', 500);
    expect(limiter.take('a', 999)).toBe(false);
    expect(limiter.take('a', 1000)).toBe(true);
    expect(limiter.take('a', 1200)).toBe(false);
    expect(limiter.take('a', 1500)).toBe(true);
    expect(limiter.waitMs('a', 1500)).toBe(500);
  });

  it('forgets a key', () => {
    const limiter = new ChatRateLimiter<string>(1, 1000);
    limiter.take('a', 0);
    limiter.forget('a');
    expect(limiter.take('a', 1)).toBe(true);
  });
});
