import { describe, expect, it } from 'vitest';
import { MEMORY_LIMITS } from '../limits/LimitStore.ts';
import { LoginLimiter } from './LoginLimiter.ts';

describe('LoginLimiter', () => {
  it('blocks an account after N failures, from any address', async () => {
    const limiter = new LoginLimiter({ perAccount: 3, perAddress: 100, windowSeconds: 60 }, MEMORY_LIMITS);
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfter('ann@x.org', `10.0.0.${i}`)).toBe(0);
      await limiter.recordFailure('ann@x.org', `10.0.0.${i}`);
    }
    expect(await limiter.retryAfter('ann@x.org', '10.0.0.10')).toBeGreaterThan(0);
    expect(await limiter.retryAfter('bob@x.org', '10.0.0.10')).toBe(0);
  });

  it('blocks an address that tries many accounts', async () => {
    const limiter = new LoginLimiter({ perAccount: 100, perAddress: 2, windowSeconds: 60 }, MEMORY_LIMITS);
    for (const email of ['a@x.org', 'b@x.org']) await limiter.recordFailure(email, '192.0.2.1');
    expect(await limiter.retryAfter('d@x.org', '192.0.2.1')).toBeGreaterThan(0);
    expect(await limiter.retryAfter('d@x.org', '192.0.2.2')).toBe(0);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const limiter = new LoginLimiter({ perAccount: 2, perAddress: 100, windowSeconds: 60 }, MEMORY_LIMITS);
    await limiter.recordFailure('ann@x.org', '10.0.0.1');
    await limiter.recordFailure('ann@x.org', '10.0.0.1');
    expect(await limiter.retryAfter('ann@x.org', '10.0.0.1')).toBeGreaterThan(0);
    await limiter.recordSuccess('ann@x.org');
    await limiter.recordFailure('ann@x.org', '10.0.0.1');
    expect(await limiter.retryAfter('ann@x.org', '10.0.0.1')).toBe(0);
  });
});
