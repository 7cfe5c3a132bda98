import { describe, expect, it } from 'vitest';
import { pickColor, shouldYieldColor, USER_COLORS } from './userColor.ts';

describe('pickColor', () => {
  it('is a deterministic function of the client id', () => {
    expect(pickColor(123456)).toEqual(pickColor(123456));
    expect(USER_COLORS).toContain(pickColor(123456).color as (typeof USER_COLORS)[number]);
  });

  it('gives a 20% alpha light variant', () => {
    const { color, colorLight } = pickColor(7);
    expect(colorLight).toBe(`${color}33`);
  });

  it('spreads consecutive and random ids over the whole palette', () => {
    const seen = new Set<string>();
    for (let id = 0; id < 200; id++) seen.add(pickColor(id).color);
    expect(seen.size).toBe(USER_COLORS.length);
  });

  it('avoids colours already taken', () => {
    const own = pickColor(42).color;
    const next = pickColor(42, [own]).color;
    expect(next).not.toBe(own);
    const allButOne = USER_COLORS.slice(1);
    expect(pickColor(42, allButOne).color).toBe(USER_COLORS[0]);
  });

  it('falls back to its own colour when every colour is taken', () => {
    expect(pickColor(42, USER_COLORS).color).toBe(pickColor(42).color);
  });
});

describe('shouldYieldColor', () => {
  it('makes only the larger id move on a clash', () => {
    expect(shouldYieldColor(10, '#f87171', [[5, '#F87171']])).toBe(true);
    expect(shouldYieldColor(5, '#f87171', [[10, '#f87171']])).toBe(false);
    expect(shouldYieldColor(10, '#f87171', [[5, '#60a5fa']])).toBe(false);
    expect(shouldYieldColor(10, '#f87171', [[10, '#f87171']])).toBe(false);
  });
});
