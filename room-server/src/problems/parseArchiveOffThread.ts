import { Worker } from 'node:worker_threads';
import type { TestCaseInput } from '@codestream/shared';
import { ArchiveError, type ArchiveErrorReason, type ArchiveIssue } from './ArchiveError.ts';
import type { ArchiveLimits, ParsedImport } from './importArchive.ts';

/** What the archive thread is asked to parse: a problem to import, or a batch of tests. */
export type ArchiveJob =
  | { kind: 'problem'; zip: Uint8Array; options: ArchiveLimits & { slug?: string } }
  | { kind: 'tests'; zip: Uint8Array; options: ArchiveLimits };

/** The thread's one message: the parsed archive, or the ArchiveError that refused it. */
export type ArchiveWorkerReply =
  | { ok: true; value: ParsedImport | TestCaseInput[] }
  | { ok: false; reason: ArchiveErrorReason; message: string; details?: ArchiveIssue[] };

export interface ArchiveThreadLimits {
  /** The thread is terminated after this long, and the upload refused. */
  timeMs: number;
  /** Its heap (V8's old generation) may grow to this; past it the upload is refused. */
  heapMb: number;
}

const MiB = 1024 * 1024;

/**
 * Enough for every legitimate archive: the texts of the tests (at most 2 bytes a
 * character in V8's strings) plus the code and data the parsers need.
 */
export function archiveThreadLimits(options: ArchiveLimits): ArchiveThreadLimits {
  return { timeMs: 30_000, heapMb: Math.ceil((2 * options.maxUncompressedBytes) / MiB) + 128 };
}

const WORKER_URL = new URL('./archiveWorker.mjs', import.meta.url);

/** parseImportArchive in a worker thread, so no upload holds up the rooms' event loop. */
export async function parseImportArchiveOffThread(
  zip: Uint8Array,
  options: ArchiveLimits & { slug?: string },
  limits = archiveThreadLimits(options),
): Promise<ParsedImport> {
  return (await runInThread({ kind: 'problem', zip, options }, limits)) as ParsedImport;
}

/** parseTestArchive in a worker thread. */
export async function parseTestArchiveOffThread(
  zip: Uint8Array,
  options: ArchiveLimits,
  limits = archiveThreadLimits(options),
): Promise<TestCaseInput[]> {
  return (await runInThread({ kind: 'tests', zip, options }, limits)) as TestCaseInput[];
}

/**
 * One thread per archive: imports are rare, and a thread of its own is what can be
 * stopped cleanly at a time or memory limit, whatever the parser was doing.
 */
function runInThread(job: ArchiveJob, limits: ArchiveThreadLimits): Promise<ParsedImport | TestCaseInput[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      // The parent's flags (an inspector port, say) are not the parser's business.
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      // Terminating a thread that already finished is harmless; one still running must stop.
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      const seconds = limits.timeMs / 1000;
      settle(() => reject(new ArchiveError('too-slow', `Reading the archive took longer than ${seconds} s`)));
    }, limits.timeMs);
    worker.once('message', (reply: ArchiveWorkerReply) => {
      settle(() => {
        if (reply.ok) resolve(reply.value);
        else reject(new ArchiveError(reply.reason, reply.message, reply.details));
      });
    });
    worker.once('error', (err: Error & { code?: string }) => {
      settle(() => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new ArchiveError('too-large', `Reading the archive needed more than ${limits.heapMb} MiB of memory`));
        } else {
          reject(err);
        }
      });
    });
    worker.once('exit', (code) => {
      settle(() => reject(new Error(`The archive thread exited (code ${code}) without an answer`)));
    });
  });
}
