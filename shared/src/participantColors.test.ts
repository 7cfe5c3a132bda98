import { describe, expect, it } from 'vitest';
import { assignColor, PARTICIPANT_COLORS, selectionColor } from './participantColors.ts';

describe('assignColor', () => {
  it('gives a person the same colour every time', () => {
    expect(assignColor('u:abc')).toBe(assignColor('u:abc'));
    expect(PARTICIPANT_COLORS).toContain(assignColor('g:xyz'));
  });

  it('skips colours already taken while free ones remain', () => {
    const taken: string[] = [];
    for (let i = 0; i < PARTICIPANT_COLORS.length; i++) taken.push(assignColor(`u:${i}`, taken));
    expect(new Set(taken).size).toBe(PARTICIPANT_COLORS.length);
  });

  it('repeats colours once all are taken', () => {
    expect(PARTICIPANT_COLORS).toContain(assignColor('u:late', PARTICIPANT_COLORS));
  });

  it('spreads people over the palette', () => {
    const first = new Set(Array.from({ length: 200 }, (_, i) => assignColor(`u:${i}`)));
    expect(first.size).toBe(PARTICIPANT_COLORS.length);
  });
});

describe('selectionColor', () => {
  it('adds 20 % alpha', () => {
    expect(selectionColor('#f87171')).toBe('#f8717133');
  });
});
