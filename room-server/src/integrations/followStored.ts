import { setTimeout as sleep } from 'node:timers/promises';
import type { RunEvent, SubmitEvent } from '@codestream/shared';
import type { ApiJobRecord } from './ApiJobRepository.ts';
import { finalEvent } from './apiJobViews.ts';

export type JobEvent = RunEvent | SubmitEvent;

/** How often a job judged by another process is read again while followed. */
const FOLLOW_MS = 500;

/**
 * Follows a job this process is not judging (another room-server behind the same
 * database, or a finished one) through what is stored of it: `onEvent` gets every event
 * from the first, then what each read adds, until the final event or `signal`.
 * A run's stored output is merged per stream, so the last stored event may grow between
 * reads: only what it gained is passed on.
 */
export async function followStored(
  record: ApiJobRecord,
  onEvent: (event: JobEvent) => void,
  signal: AbortSignal,
  reread: (id: string) => Promise<ApiJobRecord | null>,
): Promise<void> {
  let sent = 0;
  let sentChars = 0;
  let current: ApiJobRecord | null = record;
  while (current) {
    const events: JobEvent[] = current.events;
    const grown = events[sent - 1];
    if (grown?.type === 'output' && grown.data.length > sentChars) {
      onEvent({ ...grown, data: grown.data.slice(sentChars) });
    }
    for (const event of events.slice(sent)) onEvent(event);
    sent = events.length;
    const tail = events.at(-1);
    sentChars = tail?.type === 'output' ? tail.data.length : 0;
    const final = finalEvent(current);
    if (final) {
      onEvent(final);
      return;
    }
    try {
      await sleep(FOLLOW_MS, undefined, { signal });
    } catch {
      // Aborted: the client went away or its wait is over.
      return;
    }
    current = await reread(record._id);
  }
}
