import { describe, expect, it } from 'vitest';
import { type JobControlsInput, jobControls, latestJob, NOT_ON_PROBLEM_HINT } from './jobControls.ts';

const idle: JobControlsInput = {
  live: true,
  runActive: false,
  submissionActive: false,
  pending: null,
  onProblem: true,
};

describe('jobControls', () => {
  it('enables Run and Submit when the room is idle, and not Stop', () => {
    expect(jobControls(idle)).toMatchObject({
      canRun: true,
      canSubmit: true,
      canStop: false,
      submitUnavailable: false,
    });
  });

  it('blocks both while a run or a submission is going, and Stop stops either', () => {
    for (const busy of [{ runActive: true }, { submissionActive: true }]) {
      const c = jobControls({ ...idle, ...busy });
      expect(c).toMatchObject({ canRun: false, canSubmit: false, canStop: true });
      expect(c.runBlockedReason).toBe(c.submitBlockedReason);
    }
    expect(jobControls({ ...idle, submissionActive: true }).runBlockedReason).toBe('A submission is being judged');
    expect(jobControls({ ...idle, submissionActive: true }).stopTitle).toMatch(/submission/);
  });

  it('blocks both while a request waits for its answer', () => {
    expect(jobControls({ ...idle, pending: 'submit' })).toMatchObject({
      canRun: false,
      canSubmit: false,
      canStop: false,
      runBlockedReason: 'Starting the submission',
    });
  });

  it('says why Submit cannot work in a room without a problem, whatever else is going on', () => {
    const c = jobControls({ ...idle, onProblem: false });
    expect(c).toMatchObject({ canRun: true, canSubmit: false, submitUnavailable: true });
    expect(c.submitBlockedReason).toBe(NOT_ON_PROBLEM_HINT);
    expect(jobControls({ ...idle, onProblem: false, runActive: true }).submitBlockedReason).toBe(NOT_ON_PROBLEM_HINT);
  });

  it('does nothing offline', () => {
    expect(jobControls({ ...idle, live: false, runActive: true })).toMatchObject({
      canRun: false,
      canSubmit: false,
      canStop: false,
      runBlockedReason: 'Not connected',
    });
  });
});

describe('latestJob', () => {
  const run = { id: 'r', requestedAt: 10 };
  const submission = { id: 's', requestedAt: 20 };
  it('is whichever was requested last', () => {
    expect(latestJob(null, null)).toBeNull();
    expect(latestJob(run, null)).toEqual({ kind: 'run', id: 'r' });
    expect(latestJob(null, submission)).toEqual({ kind: 'submission', id: 's' });
    expect(latestJob(run, submission)).toEqual({ kind: 'submission', id: 's' });
    expect(latestJob({ id: 'r2', requestedAt: 30 }, submission)).toEqual({ kind: 'run', id: 'r2' });
  });
});
