import type { RoomSummary } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { mergeSummaries } from './SummaryExchange.ts';

const summary = (lastEditAt: number | null, online: string[], title = ''): RoomSummary => ({
  roomId: 'r',
  title,
  language: 'python',
  createdAt: 0,
  online: online.map((name) => ({ id: `u:${name}`, name, role: 'editor' })),
  lastEditAt,
  lastEditBy: null,
  lines: 1,
  preview: { firstLine: 1, text: '' },
  lastRun: null,
  lastSubmission: null,
  failStreak: 0,
});

describe('mergeSummaries', () => {
  it('takes the most recently edited summary with everyone online on any server, once each', () => {
    const merged = mergeSummaries([summary(5, ['ann', 'bob'], 'old'), summary(9, ['bob', 'cy'], 'new')]);
    expect(merged?.title).toBe('new');
    expect(merged?.online.map((p) => p.name).sort()).toEqual(['ann', 'bob', 'cy']);
  });

  it('keeps a lone summary as it is, and has none of nothing', () => {
    const only = summary(null, ['ann']);
    expect(mergeSummaries([only])).toBe(only);
    expect(mergeSummaries([])).toBeUndefined();
  });

  it('prefers an edited room to one never edited', () => {
    expect(mergeSummaries([summary(null, [], 'never'), summary(1, [], 'edited')])?.title).toBe('edited');
  });
});
