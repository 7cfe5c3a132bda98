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

export interface ArchiveThreadsOptions {
  /**
   * Archive threads running at once; uploads past it are turned away until one ends.
   * Each thread may keep a core busy for its whole time limit, and the rooms need one.
   */
  maxRunning: number;
  /** Instead of what archiveThreadLimits gives for each job. */
  limits?: ArchiveThreadLimits;
}

/** Parses uploaded archives in worker threads, so no upload holds up the rooms' event loop. */
export class ArchiveThreads {
  #running = 0;

  constructor(private readonly options: ArchiveThreadsOptions) {}

  /** parseImportArchive, in a thread. */
  async parseImport(zip: Uint8Array, options: ArchiveLimits & { slug?: string }): Promise<ParsedImport> {
    return (await this.#run({ kind: 'problem', zip, options })) as ParsedImport;
  }

  /** parseTestArchive, in a thread. */
  async parseTests(zip: Uint8Array, options: ArchiveLimits): Promise<TestCaseInput[]> {
    return (await this.#run({ kind: 'tests', zip, options })) as TestCaseInput[];
  }

  async #run(job: ArchiveJob): Promise<ParsedImport | TestCaseInput[]> {
    const { maxRunning, limits } = this.options;
    if (this.#running >= maxRunning) {
      throw new ArchiveError(
        'busy',
        `The server is reading ${maxRunning} other archive(s); try again in a few seconds`,
      );
    }
    this.#running += 1;
    try {
      return await runInThread(job, limits ?? archiveThreadLimits(job.options));
    } finally {
      this.#running -= 1;
    }
  }
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
