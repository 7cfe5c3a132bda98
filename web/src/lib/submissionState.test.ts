import type { SubmissionView, SubmitEvent, TestEvent } from '@codestream/shared';
import { defaultRoomSettings } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import {
  applySubmissionMessage,
  isSubmissionActive,
  isSubmissionFinished,
  submissionProgress,
  submissionStatusText,
} from './submissionState.ts';

const started = {
  id: 's1',
  submittedBy: 'Ada',
  language: 'cpp',
  problemSlug: 'sum',
  requestedAt: 1000,
  total: 3,
} as const;

function test(index: number, partial: Partial<TestEvent> = {}): TestEvent {
  return {
    type: 'test',
    index,
    id: `t${index}`,
    kind: index === 0 ? 'sample' : 'hidden',
    verdict: 'accepted',
    cpuMs: 3,
    wallMs: 5,
    memoryKb: 1200,
    ...partial,
  };
}

const finished: SubmitEvent = { type: 'finished', verdict: 'wrong-answer', passed: 1, total: 3, totalMs: 90 };

function fold(events: SubmitEvent[]): SubmissionView | null {
  let view = applySubmissionMessage(null, { type: 'submission-started', submission: started });
  for (const event of events)
    view = applySubmissionMessage(view, { type: 'submission-event', submissionId: 's1', event });
  return view;
}

describe('applySubmissionMessage', () => {
  it('takes the room state as is, and a new submission with no events', () => {
    const view: SubmissionView = { ...started, events: [test(0)] };
    expect(
      applySubmissionMessage(null, {
        type: 'room-state',
        you: { id: 'u:me', color: '#60a5fa' },
        now: 0,
        role: 'editor',
        settings: defaultRoomSettings('python'),
        limits: { docMaxBytes: 1024 },
        run: null,
        submission: view,
      }),
    ).toEqual(view);
    expect(
      applySubmissionMessage(view, {
        type: 'room-state',
        you: { id: 'u:me', color: '#60a5fa' },
        now: 0,
        role: 'editor',
        settings: defaultRoomSettings('python'),
        limits: { docMaxBytes: 1024 },
        run: null,
        submission: null,
      }),
    ).toBeNull();
    expect(applySubmissionMessage(view, { type: 'submission-started', submission: { ...started, id: 's2' } })).toEqual({
      ...started,
      id: 's2',
      events: [],
    });
  });

  it('appends events without mutating', () => {
    const before = fold([]);
    const after = applySubmissionMessage(before, { type: 'submission-event', submissionId: 's1', event: test(0) });
    expect(before?.events).toEqual([]);
    expect(after?.events).toEqual([test(0)]);
  });

  it('ignores events of another submission and after finished, and messages about runs', () => {
    const view = fold([finished]);
    expect(applySubmissionMessage(view, { type: 'submission-event', submissionId: 's1', event: test(2) })).toBe(view);
    const active = fold([]);
    expect(applySubmissionMessage(active, { type: 'submission-event', submissionId: 'x', event: test(0) })).toBe(
      active,
    );
    expect(applySubmissionMessage(active, { type: 'refused', message: 'Busy' })).toBe(active);
    expect(
      applySubmissionMessage(active, {
        type: 'run-started',
        run: { id: 'r', startedBy: 'Bob', language: 'python', requestedAt: 2 },
      }),
    ).toBe(active);
  });

  it('knows when a submission is active', () => {
    expect(isSubmissionActive(null)).toBe(false);
    expect(isSubmissionActive(fold([test(0)]))).toBe(true);
    const done = fold([test(0), finished]);
    expect(done && isSubmissionFinished(done)).toBe(true);
    expect(isSubmissionActive(done)).toBe(false);
  });
});

describe('submissionProgress', () => {
  it('follows a compiled submission from the queue to its verdict', () => {
    const steps: SubmitEvent[] = [
      { type: 'queued', position: 2 },
      { type: 'queued', position: 1 },
      { type: 'compiling' },
      { type: 'compiled', ok: true },
      test(0),
      test(1, { verdict: 'wrong-answer' }),
      finished,
    ];
    const phases = steps.map((_, i) => {
      const p = submissionProgress({ events: steps.slice(0, i + 1), total: 3 });
      return [p.phase, p.queuePosition, submissionStatusText(p)];
    });
    expect(phases).toEqual([
      ['queued', 2, 'Judge busy — position 2'],
      ['queued', 1, 'Judge busy — position 1'],
      ['compiling', null, 'Compiling…'],
      ['judging', null, 'Judging…'],
      ['judging', null, 'Judging…'],
      ['judging', null, 'Judging…'],
      ['finished', null, null],
    ]);
    expect(submissionProgress({ events: [], total: 3 }).phase).toBe('waiting');
  });

  it('orders tests by index, keeps one per index, and takes the total from finished', () => {
    const p = submissionProgress({ events: [test(1), test(0), test(1, { verdict: 'time-limit' })], total: 0 });
    expect(p.tests.map((t) => [t.index, t.verdict])).toEqual([
      [0, 'accepted'],
      [1, 'time-limit'],
    ]);
    expect(p.total).toBe(0);
    expect(submissionProgress({ events: [test(0), finished], total: 0 }).total).toBe(3);
  });

  it('keeps the compiler message of a failed build', () => {
    const p = submissionProgress({
      events: [
        { type: 'compiling' },
        { type: 'compiled', ok: false, message: "main.c:1: error: expected ';'" },
        { type: 'finished', verdict: 'compilation-error', passed: 0, total: 3, totalMs: 400 },
      ],
      total: 3,
    });
    expect(p.compile).toEqual({ ok: false, message: "main.c:1: error: expected ';'" });
    expect(p.tests).toEqual([]);
    expect(p.finished?.verdict).toBe('compilation-error');
  });

  it('keeps the mark of a compiler message cut at its cap', () => {
    const p = submissionProgress({
      events: [{ type: 'compiled', ok: false, message: 'main.c:1: error', truncatedAfterBytes: 65_536 }],
      total: 1,
    });
    expect(p.compile).toEqual({ ok: false, message: 'main.c:1: error', truncatedAfterBytes: 65_536 });
  });
});
