import { parentPort, workerData } from 'node:worker_threads';
import { ArchiveError } from './ArchiveError.ts';
import type { ArchiveJob, ArchiveWorkerReply } from './ArchiveThreads.ts';
import { parseImportArchive, parseTestArchive } from './importArchive.ts';

/** The body of the archive thread: parses one job and posts one reply. */
function reply(job: ArchiveJob): ArchiveWorkerReply {
  try {
    const value =
      job.kind === 'problem' ? parseImportArchive(job.zip, job.options) : parseTestArchive(job.zip, job.options);
    return { ok: true, value };
  } catch (err) {
    // Anything else is a bug: thrown, it reaches the parent as the worker's 'error' (a 500).
    if (!(err instanceof ArchiveError)) throw err;
    return { ok: false, reason: err.reason, message: err.message, ...(err.details ? { details: err.details } : {}) };
  }
}

// Posted by ArchiveThreads in this process, not read from the network.
parentPort?.postMessage(reply(workerData as ArchiveJob));
