import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
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
  const body = new PassThrough();
  ctx.type = 'application/x-ndjson';
  ctx.set('Cache-Control', 'no-store');
  // Proxies (nginx) would otherwise hold the lines back until the job ends.
  ctx.set('X-Accel-Buffering', 'no');
  ctx.body = body;
  const gone = new AbortController();
  ctx.res.once('close', () => gone.abort());
  jobs
    .follow(record, (event) => body.write(`${JSON.stringify(event)}\n`), gone.signal)
    .catch((err) => {
      // The status line is gone already: the client sees the stream end without a final event.
      log.error({ err, apiJobId: record._id }, 'streaming an API job failed');
    })
    .finally(() => body.end());
}
