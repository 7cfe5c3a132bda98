import type { SubmissionView } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import type { SubmissionSummary } from '../api/submissionApi.ts';
import { withLiveSubmission } from './submissionHistory.ts';

const roomId = 'abcdefghij_-KLMNOP12';
const stored: SubmissionSummary = {
  id: 's1',
  roomId,
  problemSlug: 'sum',
  submittedBy: 'Ada',
  language: 'python',
  requestedAt: '2024-01-01T00:00:00.000Z',
  verdict: null,
  passed: 0,
  total: 3,
  totalMs: null,
  stopped: false,
};
const older: SubmissionSummary = { ...stored, id: 's0', verdict: 'accepted', passed: 3, totalMs: 50 };
const live: SubmissionView = {
  id: 's1',
  submittedBy: 'Ada',
  language: 'python',
  problemSlug: 'sum',
  requestedAt: 1_704_067_200_000,
  total: 3,
  events: [],
};
const finishedLive: SubmissionView = {
  ...live,
  events: [{ type: 'finished', verdict: 'wrong-answer', passed: 1, total: 3, totalMs: 80 }],
};

describe('withLiveSubmission', () => {
  it('fills in the verdict the server had not stored yet', () => {
    expect(withLiveSubmission([stored, older], finishedLive, roomId)).toEqual([
      { ...stored, verdict: 'wrong-answer', passed: 1, totalMs: 80 },
      older,
    ]);
  });

  it('carries over that the live submission was stopped', () => {
    const stoppedLive: SubmissionView = {
      ...live,
      events: [
        {
          type: 'finished',
          verdict: 'internal-error',
          passed: 0,
          total: 3,
          totalMs: 20,
          message: 'The submission was stopped.',
          stopped: true,
        },
      ],
    };
    expect(withLiveSubmission([stored, older], stoppedLive, roomId)[0]).toMatchObject({
      verdict: 'internal-error',
      stopped: true,
    });
  });

  it('adds the live submission when the list predates it', () => {
    expect(withLiveSubmission([older], live, roomId)).toEqual([
      { ...stored, requestedAt: live.requestedAt, verdict: null },
      older,
    ]);
  });

  it('leaves the list alone otherwise', () => {
    const done = { ...stored, verdict: 'accepted' as const, passed: 3, totalMs: 70 };
    expect(withLiveSubmission([done, older], finishedLive, roomId)).toEqual([done, older]);
    expect(withLiveSubmission([stored, older], live, roomId)).toEqual([stored, older]);
    expect(withLiveSubmission([older], null, roomId)).toEqual([older]);
  });
});
