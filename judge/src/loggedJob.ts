import type { RunEvent, SubmitEvent } from '@codestream/shared';
import { jobResult } from './JudgeMetrics.ts';
import { childLogger, type Logger } from './logger.ts';

export interface LoggedJobFacts {
  kind: string;
  language: string;
  /** Set by the room that asked (see RunRequest.requestId), else the HTTP request's own. */
  requestId: string | undefined;
  /** The queue's id of the job, on a judge worker. */
  jobId?: string;
}

/**
 * Passes a job's events on and logs a line when it starts and when it ends (its result,
 * how long it took), both carrying the job's request id: grep one id to follow a Run from
 * the room-server's log into the judge's.
 */
export async function* loggedJob<E extends RunEvent | SubmitEvent>(
  log: Logger,
  facts: LoggedJobFacts,
  events: AsyncIterable<E>,
): AsyncGenerator<E, void, undefined> {
  const jobLog = childLogger(log, { ...facts });
  const started = performance.now();
  let last: E | undefined;
  jobLog.info({}, 'job started');
  try {
    for await (const event of events) {
      last = event;
      yield event;
    }
  } finally {
    const ms = Math.round(performance.now() - started);
    jobLog.info({ result: jobResult(last), ms }, 'job ended');
  }
}
