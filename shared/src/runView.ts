import type { RunView } from './roomMessages.ts';
import type { RunEvent } from './runEvents.ts';

/** `a` then `b` as one event when both are output of the same stream, else null. */
export function mergeRunOutput(a: RunEvent, b: RunEvent): RunEvent | null {
  return a.type === 'output' && b.type === 'output' && a.stream === b.stream ? { ...a, data: a.data + b.data } : null;
}

/**
 * Appends `event` to a run's event list, merging it into the previous event when both
 * are output of the same stream, so a long run's snapshot stays a short list.
 */
export function appendRunEvent(events: RunEvent[], event: RunEvent): void {
  const last = events.at(-1);
  const merged = last && mergeRunOutput(last, event);
  if (merged) {
    events[events.length - 1] = merged;
    return;
  }
  events.push(event);
}

export function isRunFinished(run: Pick<RunView, 'events'>): boolean {
  return run.events.at(-1)?.type === 'exit';
}
