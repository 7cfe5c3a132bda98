import { afterEach, describe, expect, it, vi } from 'vitest';
import { OUTPUT_HOLD_MS, OutputCoalescer } from './OutputCoalescer.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** Strings hold and merge up to 4 characters; numbers never hold. */
function coalescer() {
  const sent: (string | number)[] = [];
  const events = new OutputCoalescer<string | number>({
    holds: (event) => typeof event === 'string',
    merge: (held, next) =>
      typeof held === 'string' && typeof next === 'string' && (held + next).length <= 4 ? held + next : null,
    send: (event) => sent.push(event),
  });
  return { sent, events };
}

describe('OutputCoalescer', () => {
  it('holds output for a few milliseconds and sends it merged', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { sent, events } = coalescer();
    events.push('a');
    events.push('b');
    vi.advanceTimersByTime(OUTPUT_HOLD_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['ab']);
  });

  it('sends what it holds before an event that cannot merge, and before a merge past the size cap', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { sent, events } = coalescer();
    events.push('ab');
    events.push('cde');
    expect(sent).toEqual(['ab']);
    events.push(1);
    expect(sent).toEqual(['ab', 'cde', 1]);
    // Nothing is held any more: the timer of what was sent sends nothing twice.
    vi.advanceTimersByTime(OUTPUT_HOLD_MS * 2);
    expect(sent).toEqual(['ab', 'cde', 1]);
  });
});
