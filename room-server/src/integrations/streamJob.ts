import type { Context } from 'koa';
import { ndjsonBody } from '../http/ndjsonBody.ts';
import type { Logger } from '../log/logger.ts';
import type { ApiJobRecord } from './ApiJobRepository.ts';
import type { ApiJobs } from './ApiJobs.ts';

/**
 * Answers with the job's events as NDJSON (one JSON event per line), from its first to
 * its final one, each written as the judge gives it. A client that goes away stops the
 * stream, not the job. What a job can write is bounded by its output limits, so a slow
 * reader is left to the socket's buffers.
 */
export function streamJob(ctx: Context, record: ApiJobRecord, jobs: ApiJobs, log: Logger): void {
  const body = ndjsonBody(ctx);
  jobs
    .follow(record, (event) => body.write(event), body.gone)
    .catch((err) => {
      // The status line is gone already: the client sees the stream end without a final event.
      log.error({ err, apiJobId: record._id }, 'streaming an API job failed');
    })
    .finally(() => body.end());
}
