import type { RunView } from '@codestream/shared';
import { defaultRoomSettings } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { applyServerMessage, isRunActive, queuePosition, runPhase } from './runState.ts';

const started = { id: 'r1', startedBy: 'Ada', language: 'python', requestedAt: 1000 } as const;

describe('applyServerMessage', () => {
  it('takes the room state as is', () => {
    const run: RunView = { ...started, events: [{ type: 'started', at: 1001 }] };
    expect(
      applyServerMessage(null, {
        type: 'room-state',
        you: { id: 'u:me', color: '#60a5fa' },
        now: 0,
        role: 'editor',
        settings: defaultRoomSettings('python'),
        limits: { docMaxBytes: 1024 },
        run,
        submission: null,
      }).run,
    ).toEqual(run);
    expect(
      applyServerMessage(run, {
        type: 'room-state',
        you: { id: 'u:me', color: '#60a5fa' },
        now: 0,
        role: 'editor',
        settings: defaultRoomSettings('python'),
        limits: { docMaxBytes: 1024 },
        run: null,
        submission: null,
      }).run,
    ).toBeNull();
  });

  it('replaces the shown run when another one starts', () => {
    const old: RunView = { ...started, id: 'r0', events: [] };
    expect(applyServerMessage(old, { type: 'run-started', run: started }).run).toEqual({ ...started, events: [] });
  });

  it('appends events, merging output of one stream, without mutating', () => {
    let run: RunView | null = { ...started, events: [] };
    const before = run;
    run = applyServerMessage(run, { type: 'run-event', runId: 'r1', event: { type: 'started', at: 1 } }).run;
    run = applyServerMessage(run, {
      type: 'run-event',
      runId: 'r1',
      event: { type: 'output', stream: 'stdout', data: 'a' },
    }).run;
    run = applyServerMessage(run, {
      type: 'run-event',
      runId: 'r1',
      event: { type: 'output', stream: 'stdout', data: 'b' },
    }).run;
    run = applyServerMessage(run, {
      type: 'run-event',
      runId: 'r1',
      event: { type: 'output', stream: 'stderr', data: 'c' },
    }).run;
    expect(before.events).toEqual([]);
    expect(run?.events).toEqual([
      { type: 'started', at: 1 },
      { type: 'output', stream: 'stdout', data: 'ab' },
      { type: 'output', stream: 'stderr', data: 'c' },
    ]);
  });

  it('ignores events of another run and after exit', () => {
    const run: RunView = { ...started, events: [] };
    expect(applyServerMessage(run, { type: 'run-event', runId: 'other', event: { type: 'started', at: 1 } }).run).toBe(
      run,
    );
    const exit = { type: 'exit', outcome: 'exited', code: 0, signal: null, durationMs: 5 } as const;
    const finished: RunView = { ...started, events: [exit] };
    expect(
      applyServerMessage(finished, {
        type: 'run-event',
        runId: 'r1',
        event: { type: 'output', stream: 'stdout', data: 'x' },
      }).run,
    ).toBe(finished);
  });

  it('passes refusals through without touching the run', () => {
    const run: RunView = { ...started, events: [] };
    expect(applyServerMessage(run, { type: 'refused', message: 'Busy' })).toEqual({ run, refused: 'Busy' });
  });
});

describe('runPhase', () => {
  it('follows a run from request to exit', () => {
    expect(runPhase(null)).toBe('idle');
    expect(runPhase({ ...started, events: [] })).toBe('starting');
    expect(runPhase({ ...started, events: [{ type: 'started', at: 1 }] })).toBe('running');
    const done: RunView = {
      ...started,
      events: [{ type: 'exit', outcome: 'stopped', code: null, signal: 'SIGKILL', durationMs: 3 }],
    };
    expect(runPhase(done)).toBe('finished');
    expect(isRunActive(done)).toBe(false);
    expect(isRunActive({ ...started, events: [] })).toBe(true);
  });
});

describe('queuePosition', () => {
  it('is the last position while the run waits, and null once it started or when it never queued', () => {
    const waiting: RunView = {
      ...started,
      events: [
        { type: 'queued', position: 3 },
        { type: 'queued', position: 1 },
      ],
    };
    expect(queuePosition(waiting)).toBe(1);
    expect(runPhase(waiting)).toBe('starting');
    expect(queuePosition({ ...waiting, events: [...waiting.events, { type: 'started', at: 5 }] })).toBeNull();
    expect(queuePosition({ ...started, events: [] })).toBeNull();
    expect(queuePosition(null)).toBeNull();
  });
});
