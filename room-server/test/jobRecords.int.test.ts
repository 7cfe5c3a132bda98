import type { ExitEvent, FinishedEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { JOB_SERVER_LOST } from '../src/rooms/RoomJobs.ts';
import { openTestDatabase } from './harness.ts';

// A server that finds a job's server gone records the job's end only if none is stored:
// the job's own server may have finished it and stored the real end while Redis kept its
// final event from the others.

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const exit = (outcome: ExitEvent['outcome'], message?: string): ExitEvent => ({
  type: 'exit',
  outcome,
  code: outcome === 'exited' ? 0 : null,
  signal: null,
  durationMs: 5,
  ...(message ? { message } : {}),
});

describe('a job’s end stored by one server, and by the one that found its server gone', () => {
  it('keeps a run’s real end; a lost run without one gets the loss', async () => {
    const run = (id: string) => ({
      _id: id,
      roomId: 'jobs-room',
      startedBy: 'Ann',
      language: 'python' as const,
      code: 'print(1)',
      stdin: '',
      requestedAt: new Date(),
    });
    await database.runs.insert(run('finished-run'));
    await database.runs.insert(run('lost-run'));
    await database.runs.finish('finished-run', [], exit('exited'));
    await database.runs.finish('finished-run', [], exit('error', JOB_SERVER_LOST), true);
    await database.runs.finish('lost-run', [], exit('error', JOB_SERVER_LOST), true);
    expect((await database.runs.findById('finished-run'))?.exit).toMatchObject({ outcome: 'exited', code: 0 });
    expect((await database.runs.findById('lost-run'))?.exit).toMatchObject({ message: JOB_SERVER_LOST });
  });

  it('keeps a submission’s real verdict; a lost one without one gets the loss', async () => {
    const submission = (id: string) => ({
      _id: id,
      roomId: 'jobs-room',
      problemSlug: 'two-sum',
      userId: null,
      submittedBy: 'Ann',
      language: 'python' as const,
      code: 'print(1)',
      requestedAt: new Date(),
      total: 1,
    });
    const finished = (verdict: FinishedEvent['verdict'], message?: string) =>
      ({
        type: 'finished',
        verdict,
        passed: 1,
        total: 1,
        totalMs: 5,
        ...(message ? { message } : {}),
      }) as FinishedEvent;
    await database.submissions.insert(submission('judged'));
    await database.submissions.insert(submission('lost'));
    await database.submissions.finish('judged', [], finished('accepted'));
    await database.submissions.finish('judged', [], finished('internal-error', JOB_SERVER_LOST), true);
    await database.submissions.finish('lost', [], finished('internal-error', JOB_SERVER_LOST), true);
    expect((await database.submissions.findById('judged'))?.finished?.verdict).toBe('accepted');
    expect((await database.submissions.findById('lost'))?.finished?.verdict).toBe('internal-error');
  });
});
