import type { RunView } from './roomMessages.ts';
import type { RunEvent } from './runEvents.ts';

/**
 * Appends `event` to a run's event list, merging it into the previous event when both
 * are output of the same stream, so a long run's snapshot stays a short list.
 */
export function appendRunEvent(events: RunEvent[], event: RunEvent): void {
  const last = events.at(-1);
  if (event.type === 'output' && last?.type === 'output' && last.stream === event.stream) {
    events[events.length - 1] = { ...last, data: last.data + event.data };
    return;
  }
  events.push(event);
}

export function isRunFinished(run: Pick<RunView, 'events'>): boolean {
  return run.events.at(-1)?.type === 'exit';
}
