import {
  type ApiJobAccepted,
  type ApiJobKind,
  type ApiRun,
  type ApiSubmission,
  type ExitEvent,
  type FinishedEvent,
  INTEGRATION_API_PREFIX,
} from '@codestream/shared';
import type { ApiJobRecord, ApiRunRecord, ApiSubmissionRecord } from './ApiJobRepository.ts';

const INTERRUPTED_MESSAGE = 'The server stopped before this job finished, so its result is lost. Send it again.';

/** The collection path of a kind: `/api/v1/runs`. */
function jobsPath(kind: ApiJobKind): string {
  return `${INTEGRATION_API_PREFIX}/${kind === 'run' ? 'runs' : 'submissions'}`;
}

export function acceptedView(record: ApiJobRecord): ApiJobAccepted {
  const self = `${jobsPath(record.kind)}/${record._id}`;
  return { id: record._id, kind: record.kind, status: record.status, links: { self, stream: `${self}?wait=stream` } };
}

/** The job's last event: the judge's, or for an interrupted job one that says so. */
export function finalEvent(record: ApiRunRecord): ExitEvent | null;
export function finalEvent(record: ApiSubmissionRecord): FinishedEvent | null;
export function finalEvent(record: ApiJobRecord): ExitEvent | FinishedEvent | null;
export function finalEvent(record: ApiJobRecord): ExitEvent | FinishedEvent | null {
  if (record.result) return record.result;
  if (record.status !== 'interrupted') return null;
  if (record.kind === 'run') {
    return { type: 'exit', outcome: 'error', code: null, signal: null, durationMs: 0, message: INTERRUPTED_MESSAGE };
  }
  return {
    type: 'finished',
    verdict: 'internal-error',
    passed: 0,
    total: record.total,
    totalMs: 0,
    message: INTERRUPTED_MESSAGE,
    stopped: true,
  };
}

/** The final event of a job the judge failed (it threw, or ended without one). */
export function judgeFailedEvent(record: ApiJobRecord): ExitEvent | FinishedEvent {
  const message = 'The judge failed to run this job. Send it again.';
  const durationMs = Date.now() - record.createdAt.getTime();
  return record.kind === 'run'
    ? { type: 'exit', outcome: 'error', code: null, signal: null, durationMs, message }
    : { type: 'finished', verdict: 'internal-error', passed: 0, total: record.total, totalMs: durationMs, message };
}

function common(record: ApiJobRecord) {
  return {
    ...acceptedView(record),
    language: record.language,
    createdAt: record.createdAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
    expiresAt: record.expiresAt.toISOString(),
  };
}

function runView(record: ApiRunRecord): ApiRun {
  const output = { stdout: '', stderr: '' };
  for (const event of record.events) if (event.type === 'output') output[event.stream] += event.data;
  const result = finalEvent(record);
  return {
    ...common(record),
    kind: 'run',
    limits: record.limits,
    ...output,
    events: result ? [...record.events, result] : record.events,
    result,
  };
}

function submissionView(record: ApiSubmissionRecord): ApiSubmission {
  const result = finalEvent(record);
  return {
    ...common(record),
    kind: 'submission',
    problem: record.problemSlug,
    total: record.total,
    events: result ? [...record.events, result] : record.events,
    result,
  };
}

export function jobView(record: ApiJobRecord): ApiRun | ApiSubmission {
  return record.kind === 'run' ? runView(record) : submissionView(record);
}
