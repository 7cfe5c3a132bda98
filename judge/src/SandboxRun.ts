import {
  type ExitEvent,
  type LanguageSpec,
  MAX_STDIN_BYTES,
  type OutputStream,
  pipeStdin,
  type RunEvent,
  type RunLimits,
  type RunRequest,
  type StdinChunk,
} from '@codestream/shared';
import { AsyncQueue } from './AsyncQueue.ts';
import { CappedStreamDecoder } from './CappedStreamDecoder.ts';
import { compileFailure } from './compileFailure.ts';
import { describeDockerError } from './dockerErrors.ts';
import { type CompileSettings, compileExec, programExec } from './execSpec.ts';
import { errorExit, idleLimitMessage, outcomeMessage, timeLimitMessage } from './exitStatus.ts';
import { type FairQueue, QueueAbortedError, QueueFullError } from './FairQueue.ts';
import { type RunnerContainer, RunnerError, RunnerStoppedError } from './runner/RunnerContainer.ts';
import type { ExecResult } from './runner/runnerProtocol.ts';
import { OUT_OF_MEMORY_WINDOW_CHARS, runtimeOutOfMemory } from './runtimeOutOfMemory.ts';
import { resultStatus } from './testVerdict.ts';

export interface JudgeLogger {
  warn(message: string, err?: unknown): void;
}

export type RunPhase = 'queued' | 'preparing' | 'running' | 'finished';

const TRANSITIONS: Record<RunPhase, readonly RunPhase[]> = {
  queued: ['preparing', 'finished'],
  preparing: ['running', 'finished'],
  running: ['finished'],
  finished: [],
};

export interface SandboxRunOptions {
  language: LanguageSpec;
  request: RunRequest;
  limits: RunLimits;
  /** Live stdin: read while the program runs; `idleMs` replaces the wall clock while it waits for input. */
  live?: { stdin: AsyncIterable<StdinChunk>; idleMs: number };
  compile: CompileSettings;
  fsizeKb: number;
  queue: FairQueue;
  /** A started sandbox for the language (pooled or new). */
  sandbox(signal: AbortSignal): Promise<RunnerContainer>;
  signal: AbortSignal;
  log: JudgeLogger;
}

type Note = { kind: 'event'; event: RunEvent } | { kind: 'done' };

/**
 * One Run: queued → preparing → running → finished. The program runs once (after its
 * compile step, if any) in a sandbox whose runner enforces the limits and streams the
 * output; limits never depend on how fast the consumer pulls events. The container is
 * removed in `finally`, whichever way the run ends.
 */
export class SandboxRun {
  #phase: RunPhase = 'queued';
  #container: RunnerContainer | undefined;
  #startedAt = 0;
  #stderrTail = '';
  /** The verdict's message once the runtime reported running out of memory. */
  #outOfMemory: string | undefined;

  constructor(private readonly o: SandboxRunOptions) {}

  get phase(): RunPhase {
    return this.#phase;
  }

  async *events(): AsyncGenerator<RunEvent, void, undefined> {
    const { signal } = this.o;
    let release: (() => void) | undefined;
    try {
      const positions = new AsyncQueue<number | 'granted' | Error>();
      this.o.queue
        .acquire(this.o.request.queueKey ?? '', signal, (position) => positions.push(position))
        .then(
          (r) => {
            release = r;
            positions.push('granted');
          },
          (err: Error) => positions.push(err),
        );
      for (let next = await positions.shift(); next !== 'granted'; next = await positions.shift()) {
        if (next instanceof QueueAbortedError) return yield this.#finish(this.#stopped());
        if (next instanceof QueueFullError) return yield this.#finish(errorExit(next.message));
        if (next instanceof Error) throw next;
        yield { type: 'queued', position: next };
      }
      this.#enter('preparing');
      if (signal.aborted) return yield this.#finish(this.#stopped());
      this.#container = await this.o.sandbox(signal);
      this.#enter('running');
      this.#startedAt = performance.now();
      yield { type: 'started', at: Date.now() };
      yield* this.#execute(this.#container);
    } catch (err) {
      if (this.#phase !== 'finished') {
        if (err instanceof RunnerStoppedError || signal.aborted) yield this.#finish(this.#stopped());
        else if (err instanceof RunnerError) yield this.#finish(errorExit(err.message, this.#elapsed()));
        // A judge failure: the program is not to blame, so say what broke.
        else yield this.#finish(errorExit(describeDockerError(err, this.o.language.image), this.#elapsed()));
      }
    } finally {
      // Also reached when the consumer stops iterating early, from any phase.
      this.#phase = 'finished';
      await this.removeContainer();
      release?.();
    }
  }

  /** Force-removes the container (kills it if running). Idempotent; safe from close(). */
  removeContainer(): Promise<void> {
    return this.#container?.remove() ?? Promise.resolve();
  }

  async *#execute(container: RunnerContainer): AsyncGenerator<RunEvent, void, undefined> {
    const { language, request, limits, signal } = this.o;
    container.writeFile(language.fileName, Buffer.from(request.code, 'utf8'));
    const compile = compileExec(language, this.o.compile, limits.memoryMb);
    if (compile) {
      const result = await container.exec(compile, { signal });
      const message = result.stdout.toString('utf8');
      if (message) yield { type: 'output', stream: 'stderr', data: message };
      // Shown as cut program output is: the compiler said more than was kept.
      if (result.outTruncated) yield { type: 'truncated', stream: 'stderr', limitBytes: this.o.compile.messageBytes };
      const failed = this.#compileFailure(result);
      if (failed) return yield this.#finish(failed);
    }
    const notes = new AsyncQueue<Note>();
    const decoders = {
      stdout: new CappedStreamDecoder(limits.outputBytes),
      stderr: new CappedStreamDecoder(limits.outputBytes),
    };
    const exec = programExec(
      language,
      { cpuMs: limits.timeMs, wallMs: limits.timeMs, memoryMb: limits.memoryMb, fsizeKb: this.o.fsizeKb },
      { mode: 'stream', input: Buffer.from(request.stdin, 'utf8'), outputBytes: limits.outputBytes },
    );
    if (this.o.live) exec.idleMs = this.o.live.idleMs;
    const running = container.exec(exec, {
      signal,
      onOutput: (stream, data) => {
        const { text } = decoders[stream].push(data);
        if (!text) return;
        if (stream === 'stderr') this.#watchStderr(text);
        notes.push({ kind: 'event', event: { type: 'output', stream, data: text } });
      },
    });
    const ended = new AbortController();
    running.then(
      () => notes.push({ kind: 'done' }),
      () => notes.push({ kind: 'done' }),
    );
    running
      .finally(() => ended.abort())
      .catch(() => {
        // The run's own loop below reports how it failed.
      });
    if (this.o.live) {
      feedInput(container, this.o.live.stdin, ended.signal, (event) => notes.push({ kind: 'event', event })).catch(
        (err: unknown) => this.o.log.warn('passing live input to the program failed', err),
      );
    }
    for (let note = await notes.shift(); note.kind === 'event'; note = await notes.shift()) yield note.event;
    const result = await running;
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = decoders[stream].end();
      if (!rest) continue;
      if (stream === 'stderr') this.#watchStderr(rest);
      yield { type: 'output', stream, data: rest };
    }
    const truncated = result.reason === 'stdout' || result.reason === 'stderr' ? result.reason : undefined;
    if (truncated) yield { type: 'truncated', stream: truncated, limitBytes: limits.outputBytes };
    yield this.#finish(this.#programExit(result, truncated));
  }

  #compileFailure(result: ExecResult): ExitEvent | undefined {
    const failure = compileFailure(result, this.o.compile, this.o.language);
    if (!failure) return undefined;
    const durationMs = Math.round(result.wallUs / 1000);
    if (failure.kind !== 'failed') return { ...errorExit(failure.message, durationMs), outcome: failure.kind };
    // The console shows the exit status beside this sentence.
    return { type: 'exit', outcome: 'exited', ...resultStatus(result), durationMs, message: 'Compilation failed.' };
  }

  #programExit(result: ExecResult, truncated: OutputStream | undefined): ExitEvent {
    const { limits } = this.o;
    const durationMs = Math.round(result.wallUs / 1000);
    if (result.execErrno !== 0) {
      return errorExit(`The program could not be started (errno ${result.execErrno}).`, durationMs);
    }
    const status = resultStatus(result);
    switch (result.reason) {
      case 'idle':
        return {
          type: 'exit',
          outcome: 'timeout',
          ...status,
          durationMs,
          message: idleLimitMessage(this.o.live?.idleMs ?? 0),
        };
      case 'cpu':
      case 'wall':
        return {
          type: 'exit',
          outcome: 'timeout',
          ...status,
          durationMs,
          message: timeLimitMessage(result.reason, limits, Math.round(result.cpuUs / 1000)),
        };
      case 'memory':
      case 'oom':
        return { type: 'exit', outcome: 'memory', ...status, durationMs, message: outcomeMessage('memory', limits) };
      case 'stdout':
      case 'stderr':
        return {
          type: 'exit',
          outcome: 'output-limit',
          ...status,
          durationMs,
          message: outcomeMessage('output-limit', limits, truncated),
        };
      case 'none':
        // The runtime's own out-of-memory error: the memory limit, as in a judged test.
        if (this.#outOfMemory && (status.signal || status.code !== 0)) {
          return { type: 'exit', outcome: 'memory', ...status, durationMs, message: this.#outOfMemory };
        }
        return { type: 'exit', outcome: 'exited', ...status, durationMs };
      default: {
        const unreachable: never = result.reason;
        throw new Error(`unknown stop reason ${String(unreachable)}`);
      }
    }
  }

  /** Looks for the runtime's out-of-memory error in the stderr streamed so far (its recent end only). */
  #watchStderr(text: string): void {
    if (this.#outOfMemory) return;
    this.#stderrTail = (this.#stderrTail + text).slice(-OUT_OF_MEMORY_WINDOW_CHARS);
    this.#outOfMemory = runtimeOutOfMemory(this.o.language, this.#stderrTail, this.o.limits.memoryMb);
  }

  #stopped(): ExitEvent {
    const started = this.#startedAt > 0;
    return {
      type: 'exit',
      outcome: 'stopped',
      code: null,
      signal: started ? 'SIGKILL' : null,
      durationMs: this.#elapsed(),
      message: outcomeMessage('stopped', this.o.limits),
    };
  }

  #finish(exit: ExitEvent): ExitEvent {
    this.#phase = 'finished';
    return exit;
  }

  #elapsed(): number {
    return this.#startedAt === 0 ? 0 : Math.max(0, Math.round(performance.now() - this.#startedAt));
  }

  #enter(next: RunPhase): void {
    if (!TRANSITIONS[this.#phase].includes(next)) {
      throw new Error(`invalid run transition ${this.#phase} → ${next}`);
    }
    this.#phase = next;
  }
}

/**
 * Gives the program of a live run its input as it arrives, each piece echoed (as an
 * `input` event, before what the program answers) when it is handed to the runner, until
 * the input or the program ends. At most MAX_STDIN_BYTES in all: the rest is dropped.
 */
async function feedInput(
  container: RunnerContainer,
  stdin: AsyncIterable<StdinChunk>,
  ended: AbortSignal,
  echo: (event: RunEvent) => void,
): Promise<void> {
  let total = 0;
  await pipeStdin(stdin, ended, ({ data, eof, by }) => {
    const bytes = Buffer.from(data, 'utf8');
    total += bytes.byteLength;
    if (total > MAX_STDIN_BYTES) return false;
    echo({ type: 'input', data, ...(eof ? { eof } : {}), ...(by ? { by } : {}) });
    if (bytes.byteLength > 0 && !container.feedInput(bytes)) return false;
    if (eof) container.endInput();
    return !eof;
  });
}
