import type { PlaybackTimeline } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import {
  advanceClock,
  chatUntil,
  codeSegments,
  IDLE_LEAD_MS,
  latestBefore,
  playbackClock,
  playbackMarkers,
  seqAtTime,
  stepToMarker,
  timeOfSeq,
} from './playback.ts';

// Updates 1..4 at 1 s, 2 s, 60 s, 61 s after a start at 10_000; a run at 30 s.
const data: PlaybackTimeline = {
  firstSeq: 0,
  lastSeq: 4,
  startAt: 10_000,
  endAt: 75_000,
  authors: [
    { key: 'u:1', name: 'Hana', kind: 'account' },
    { key: 'g:Gus', name: 'Gus', kind: 'guest' },
  ],
  updates: { atDeltas: [1_000, 1_000, 58_000, 1_000], author: [0, 1, 1, 0] },
  runs: [
    { id: 'r1', startedBy: 'Gus', language: 'python', requestedAt: 40_000, finishedAt: 40_500, events: [] },
    { id: 'r2', startedBy: 'Hana', language: 'python', requestedAt: 75_000, finishedAt: null, events: [] },
  ],
  submissions: [
    {
      id: 's1',
      submittedBy: 'Hana',
      requestedAt: 72_000,
      finishedAt: 73_000,
      verdict: 'accepted',
      passed: 3,
      total: 3,
    },
  ],
  presence: [{ at: 10_500, kind: 'join', author: 1 }],
  chat: [{ id: 'c1', author: { id: 'g:Gus', name: 'Gus', color: '#123456' }, at: 40_000, text: 'hello' }],
};
const clock = playbackClock(data);
const markers = playbackMarkers(data, clock);

describe('playback clock', () => {
  it('decodes the update times and finds the moment at any time', () => {
    expect(clock.times).toEqual([10_000, 11_000, 12_000, 70_000, 71_000]);
    expect(timeOfSeq(clock, 3)).toBe(70_000);
    expect(seqAtTime(clock, 5_000)).toBe(0);
    expect(seqAtTime(clock, 12_000)).toBe(2);
    expect(seqAtTime(clock, 69_999)).toBe(2);
    expect(seqAtTime(clock, 99_000)).toBe(4);
  });

  it('places markers at the last update before them, in time order, with who and what', () => {
    expect(markers.map(({ kind, seq, label }) => ({ kind, seq, label }))).toEqual([
      { kind: 'join', seq: 0, label: 'Gus joined' },
      { kind: 'run', seq: 2, label: 'Run by Gus' },
      { kind: 'chat', seq: 2, label: 'Gus: hello' },
      { kind: 'submission', seq: 4, label: 'Submission by Hana: accepted (3/3)' },
      { kind: 'run', seq: 4, label: 'Run by Hana' },
    ]);
  });

  it('shows the chat said by the moment, and all of it at the last update', () => {
    expect(chatUntil(data.chat, clock, { seq: 2, time: 39_999 })).toEqual([]);
    expect(chatUntil(data.chat, clock, { seq: 2, time: 40_000 }).map((m) => m.text)).toEqual(['hello']);
    const late = [...data.chat, { ...data.chat[0], id: 'c2', at: 90_000 }] as typeof data.chat;
    expect(chatUntil(late, clock, { seq: 3, time: 70_000 })).toHaveLength(1);
    expect(chatUntil(late, clock, { seq: 4, time: 71_000 })).toHaveLength(2);
  });

  it('steps to the next and previous run, and shows the latest run at a moment', () => {
    expect(stepToMarker(markers, 'run', 12_000, 1)?.at).toBe(40_000);
    expect(stepToMarker(markers, 'run', 40_000, 1)?.at).toBe(75_000);
    expect(stepToMarker(markers, 'run', 75_000, 1)).toBeNull();
    expect(stepToMarker(markers, 'run', 75_000, -1)?.at).toBe(40_000);
    expect(stepToMarker(markers, 'submission', 0, 1)?.at).toBe(72_000);
    expect(latestBefore(data.runs, 39_999)).toBeNull();
    expect(latestBefore(data.runs, 50_000)?.id).toBe('r1');
  });

  it('plays at the chosen speed, skips idle stretches only when asked, and stops at the end', () => {
    expect(advanceClock(clock, markers, 12_000, 100, 4, false)).toBe(12_400);
    // The next activity after 12 s is the run at 40 s.
    expect(advanceClock(clock, markers, 12_000, 100, 4, true)).toBe(40_000 - IDLE_LEAD_MS);
    // 1 s before an update: not idle.
    expect(advanceClock(clock, markers, 69_000, 100, 1, true)).toBe(69_100);
    expect(advanceClock(clock, markers, 74_000, 1_000, 32, true)).toBe(75_000);
  });
});

describe('codeSegments', () => {
  it('cuts the code by author and marks what the shown update inserted', () => {
    const spans = [
      { from: 0, to: 4, author: 'u:1' },
      { from: 4, to: 8, author: 'g:Gus' },
      { from: 8, to: 10, author: null },
    ];
    expect(codeSegments('abcdefghij', spans, [[2, 6]], ['u:1', 'g:Gus'])).toEqual([
      { text: 'ab', author: 0, fresh: false },
      { text: 'cd', author: 0, fresh: true },
      { text: 'ef', author: 1, fresh: true },
      { text: 'gh', author: 1, fresh: false },
      { text: 'ij', author: null, fresh: false },
    ]);
    expect(codeSegments('', [], [], [])).toEqual([]);
  });
});
