import { LANGUAGE_IDS } from './languages.ts';
import { requestIdSchema } from './requestId.ts';
import type { SubmitEvent, SubmitRequest } from './submissions.ts';
import { z } from './zodMini.ts';

/** Limits applied to one run. The judge clamps them to its own maxima. */
export const runLimitsSchema = z.object({
  /** Wall-clock limit; the container is killed when it is reached. */
  timeMs: z.number().check(z.int(), z.positive()),
  /** Memory limit (memory + swap) of the container. */
  memoryMb: z.number().check(z.int(), z.positive()),
  /** Bytes kept per stream (stdout, stderr) before the run is stopped. */
  outputBytes: z.number().check(z.int(), z.positive()),
});
export type RunLimits = z.infer<typeof runLimitsSchema>;

export const queueKeySchema = z.string().check(z.maxLength(200));

export const MAX_CODE_BYTES = 256 * 1024;
export const MAX_STDIN_BYTES = 1024 * 1024;

export const runRequestSchema = z.object({
  language: z.enum(LANGUAGE_IDS),
  code: z.string().check(z.maxLength(MAX_CODE_BYTES)),
  stdin: z.string().check(z.maxLength(MAX_STDIN_BYTES)),
  limits: z.optional(z.partial(runLimitsSchema)),
  /**
   * Whose turn this is in the judge's queue (e.g. the room id): the judge takes turns
   * between keys, so one room's many jobs cannot starve another room. Absent = shared key.
   */
  queueKey: z.optional(queueKeySchema),
  /** Names the job in the judge's log lines, so they can be matched with the room's (see requestId.ts). */
  requestId: z.optional(requestIdSchema),
  /**
   * The program's stdin stays open after `stdin` for input sent while it runs (Judge.run's
   * `options.stdin`); transports set it so the far side knows to listen for that input.
   */
  liveStdin: z.optional(z.boolean()),
});
export type RunRequest = z.infer<typeof runRequestSchema>;

export const outputStreamSchema = z.enum(['stdout', 'stderr']);
export type OutputStream = z.infer<typeof outputStreamSchema>;

/**
 * Why a run ended. `exited`: the program ended by itself (see code/signal);
 * `timeout`, `memory`, `output-limit`: a sandbox limit stopped it; `stopped`: someone
 * pressed Stop; `error`: the judge failed (never the program's fault).
 */
export const runOutcomeSchema = z.enum(['exited', 'timeout', 'memory', 'output-limit', 'stopped', 'error']);
export type RunOutcome = z.infer<typeof runOutcomeSchema>;

/** The last event of every run: how it ended. */
export const exitEventSchema = z.object({
  type: z.literal('exit'),
  outcome: runOutcomeSchema,
  /** Exit status when the program exited by itself. */
  code: z.nullable(z.number().check(z.int())),
  /** Signal name (e.g. SIGKILL) when the program was killed by one. */
  signal: z.nullable(z.string()),
  /** From program start to its end, measured by the judge. */
  durationMs: z.number(),
  /** A sentence for people, set for every outcome but `exited`. */
  message: z.optional(z.string()),
});

/** Events a judge yields for one run, in order; `exit` is always the last. */
export const runEventSchema = z.discriminatedUnion('type', [
  /**
   * The run waits for a free sandbox; `position` 1 is next. Sent only when the run
   * has to wait, and again whenever the position changes; `started` follows.
   */
  z.object({ type: z.literal('queued'), position: z.number().check(z.int(), z.positive()) }),
  z.object({ type: z.literal('started'), at: z.number() }),
  z.object({ type: z.literal('output'), stream: outputStreamSchema, data: z.string() }),
  z.object({ type: z.literal('truncated'), stream: outputStreamSchema, limitBytes: z.number() }),
  /** Live input given to the program (echoed as a terminal would), `eof` when its stdin was closed after it. */
  z.object({
    type: z.literal('input'),
    data: z.string(),
    eof: z.optional(z.boolean()),
    by: z.optional(z.string()),
  }),
  exitEventSchema,
]);
export type RunEvent = z.infer<typeof runEventSchema>;
export type ExitEvent = z.infer<typeof exitEventSchema>;

/** Largest piece of live input one message carries (a typed line). */
export const MAX_STDIN_CHUNK_BYTES = 4 * 1024;

/** A piece of a Run's live stdin: text for the program, then the end of its input if `eof`; `by` names who typed it. */
export const stdinChunkSchema = z.object({
  data: z.string().check(z.maxLength(MAX_STDIN_CHUNK_BYTES)),
  eof: z.optional(z.boolean()),
  by: z.optional(z.string().check(z.maxLength(200))),
});
export type StdinChunk = z.infer<typeof stdinChunkSchema>;

export interface RunOptions {
  /**
   * Live stdin: the program's stdin stays open after the request's `stdin`, and each chunk
   * is given to it as it comes (echoed as an `input` event); while the program waits for
   * input an idle limit replaces the wall-clock limit. Absent: stdin ends after `stdin`.
   */
  stdin?: AsyncIterable<StdinChunk>;
}

/** The seam between room-server and the code runner (in-process or remote). */
export interface Judge {
  /** Runs the program once on the request's stdin, streaming its output; `exit` is last. */
  run(request: RunRequest, signal: AbortSignal, options?: RunOptions): AsyncIterable<RunEvent>;
  /**
   * Judges the program against every test of the request in one sandbox; one `test`
   * event per test as soon as it is known, `finished` last (see submissions.ts).
   * Aborting the signal removes a queued job or kills a running one.
   */
  submit(request: SubmitRequest, signal: AbortSignal): AsyncIterable<SubmitEvent>;
  /**
   * What would make every job fail now (Docker unreachable, an image missing, the judge
   * service down), one sentence each; empty when ready. Health checks call it.
   */
  checkReady?(): Promise<string[]>;
  close(): Promise<void>;
}
