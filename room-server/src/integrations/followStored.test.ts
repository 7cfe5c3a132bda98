import type { ExitEvent, RunEvent } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import type { ApiRunRecord } from './ApiJobRepository.ts';
import { followStored, type JobEvent } from './followStored.ts';

const EXIT: ExitEvent = { type: 'exit', outcome: 'exited', code: 0, signal: null, durationMs: 5 };

function stored(events: RunEvent[], overrides: Partial<ApiRunRecord> = {}): ApiRunRecord {
  const at = new Date(0);
  return {
    _id: 'job',
    kind: 'run',
    caller: 't:1',
    userId: 'u',
    status: 'running',
    language: 'python',
    createdAt: at,
    finishedAt: null,
    heartbeatAt: at,
    expiresAt: at,
    limits: { timeMs: 1, memoryMb: 1, outputBytes: 1 },
    events,
    result: null,
    ...overrides,
  };
}

/** Follows `reads` (the first is the record followed, the rest what each read gives). */
async function follow(reads: ApiRunRecord[]) {
  const seen: JobEvent[] = [];
  const later = reads.slice(1);
  await followStored(
    reads[0] as ApiRunRecord,
    (e) => seen.push(e),
    new AbortController().signal,
    async () => (later.length > 0 ? (later.shift() as ApiRunRecord) : null),
  );
  return seen;
}

describe('followStored', () => {
  it('passes on what each read adds: the gain of a merged output event, then the new events, the final last', async () => {
    const seen = await follow([
      stored([
        { type: 'started', at: 1 },
        { type: 'output', stream: 'stdout', data: 'a' },
      ]),
      stored([
        { type: 'started', at: 1 },
        { type: 'output', stream: 'stdout', data: 'ab' },
        { type: 'output', stream: 'stderr', data: 'x' },
      ]),
      stored(
        [
          { type: 'started', at: 1 },
          { type: 'output', stream: 'stdout', data: 'ab' },
          { type: 'output', stream: 'stderr', data: 'xy' },
        ],
        { status: 'finished', result: EXIT },
      ),
    ]);
    expect(seen).toEqual([
      { type: 'started', at: 1 },
      { type: 'output', stream: 'stdout', data: 'a' },
      { type: 'output', stream: 'stdout', data: 'b' },
      { type: 'output', stream: 'stderr', data: 'x' },
      { type: 'output', stream: 'stderr', data: 'y' },
      EXIT,
    ]);
  });

  it('ends an interrupted job with an exit that says so', async () => {
    const seen = await follow([stored([{ type: 'started', at: 1 }], { status: 'interrupted' })]);
    expect(seen.at(-1)).toMatchObject({ type: 'exit', outcome: 'error', message: expect.stringMatching(/stopped/) });
  });

  it('stops when the signal aborts, without a final event', async () => {
    const controller = new AbortController();
    const seen: JobEvent[] = [];
    const following = followStored(
      stored([]),
      (e) => seen.push(e),
      controller.signal,
      async () => stored([]),
    );
    controller.abort();
    await following;
    expect(seen).toEqual([]);
  });
});
