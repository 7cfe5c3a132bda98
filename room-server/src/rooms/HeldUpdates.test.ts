import { describe, expect, it } from 'vitest';
import { HeldUpdates } from './HeldUpdates.ts';

const bytes = (n: number) => new Uint8Array(n);

describe('HeldUpdates', () => {
  it('keeps updates per peer in order until taken', () => {
    const held = new HeldUpdates<string>();
    const [a, b] = [bytes(1), bytes(2)];
    expect(held.hold('ann', a)).toBe(true);
    expect(held.hold('ann', b)).toBe(true);
    expect(held.hold('bob', bytes(3))).toBe(true);
    const offered: Uint8Array[] = [];
    held.retry('ann', (update) => {
      offered.push(update);
      return false;
    });
    expect(offered).toEqual([a, b]);
    expect(held.count('ann')).toBe(0);
    expect(held.count('bob')).toBe(1);
  });

  it('keeps what still waits after a retry, with the time it first arrived', () => {
    let now = 0;
    const held = new HeldUpdates<string>({ maxCount: 10, maxBytes: 100, maxAgeMs: 1_000 }, () => now);
    const [a, b] = [bytes(1), bytes(2)];
    held.hold('ann', a);
    held.hold('ann', b);
    now = 800;
    held.retry('ann', (update) => update === b);
    expect(held.oldest('ann')).toBe(b);
    now = 1_001;
    expect(held.expired('ann')).toBe(true);
  });

  it('refuses past the count and byte bounds', () => {
    const held = new HeldUpdates<string>({ maxCount: 2, maxBytes: 10, maxAgeMs: 1_000 });
    expect(held.hold('ann', bytes(4))).toBe(true);
    expect(held.hold('ann', bytes(7))).toBe(false);
    expect(held.hold('ann', bytes(6))).toBe(true);
    expect(held.hold('ann', bytes(0))).toBe(false);
  });

  it('expires a peer whose oldest update waited too long, and holds no more for it', () => {
    let now = 0;
    const held = new HeldUpdates<string>({ maxCount: 10, maxBytes: 100, maxAgeMs: 1_000 }, () => now);
    held.hold('ann', bytes(1));
    now = 900;
    expect(held.expired('ann')).toBe(false);
    now = 1_001;
    expect(held.expired('ann')).toBe(true);
    expect(held.hold('ann', bytes(1))).toBe(false);
    held.drop('ann');
    expect(held.expired('ann')).toBe(false);
  });
});
