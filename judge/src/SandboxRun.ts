import { Writable } from 'node:stream';
import type { ExitEvent, LanguageSpec, OutputStream, RunEvent, RunLimits, RunRequest } from '@codestream/shared';
import type Docker from 'dockerode';
import { AsyncQueue } from './AsyncQueue.ts';
import { CappedStreamDecoder } from './CappedStreamDecoder.ts';
import { describeDockerError, isConflict, isNotFound } from './dockerErrors.ts';
import { describeExitStatus, errorExit, outcomeMessage } from './exitStatus.ts';
import { AcquireAbortedError, type Semaphore } from './Semaphore.ts';
import { type SandboxSettings, sandboxContainerSpec, stdinPayload } from './sandboxSpec.ts';

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

/** Outcomes the judge itself causes by killing the container. */
type StopOutcome = 'timeout' | 'output-limit' | 'stopped';

/** What the Docker callbacks tell the generator, in arrival order. */
type Note = { kind: 'event'; event: RunEvent } | { kind: 'stopped' } | { kind: 'ended' };

export interface SandboxRunOptions {
  docker: Docker;
  language: LanguageSpec;
  request: RunRequest;
  limits: RunLimits;
  settings: SandboxSettings;
  signal: AbortSignal;
  slots: Semaphore;
  log: JudgeLogger;
}

/**
 * One program execution in a fresh container: queued → preparing → running → finished.
 * Limits (time, output, abort) are enforced in Docker's callbacks, not at the pace of
 * whoever consumes the events, so a slow consumer cannot stretch a run. The container
 * is removed in `finally`, whichever way the run ends (including a consumer that stops
 * iterating early).
 */
export class SandboxRun {
  #phase: RunPhase = 'queued';
  readonly #notes = new AsyncQueue<Note>();
  readonly #disposers: Array<() => void> = [];
  #container: Docker.Container | undefined;
  #removal: Promise<void> | undefined;
  #startedAt = 0;
  #endedAt = 0;
  #stop: { outcome: StopOutcome; stream?: OutputStream } | undefined;
  #ended = false;
  readonly #decoders = new Map<OutputStream, CappedStreamDecoder>();

  constructor(private readonly o: SandboxRunOptions) {}

  get phase(): RunPhase {
    return this.#phase;
  }

  async *events(): AsyncGenerator<RunEvent, void, undefined> {
    let release: (() => void) | undefined;
    try {
      try {
        release = await this.o.slots.acquire(this.o.signal);
      } catch (err) {
        if (!(err instanceof AcquireAbortedError)) throw err;
        this.#enter('finished');
        yield this.#stoppedBeforeStart();
        return;
      }
      this.#enter('preparing');
      yield* this.#execute();
    } catch (err) {
      // A judge failure: the program is not to blame, so say what broke.
      if (this.#phase !== 'finished') {
        this.#enter('finished');
        yield errorExit(describeDockerError(err, this.o.language.image), this.#elapsed());
      }
    } finally {
      // Also reached when the consumer stops iterating early, from any phase.
      this.#phase = 'finished';
      for (const dispose of this.#disposers.splice(0)) dispose();
      await this.removeContainer();
      release?.();
    }
  }

  /** Force-removes the container (kills it if running). Idempotent; safe from close(). */
  removeContainer(): Promise<void> {
    const container = this.#container;
    if (!container) return Promise.resolve();
    this.#removal ??= container.remove({ force: true }).catch((err: unknown) => {
      // 404: already gone (removed by close() or a stale-container sweep).
      if (!isNotFound(err)) this.o.log.warn(`could not remove sandbox container ${container.id}`, err);
    });
    return this.#removal;
  }

  async *#execute(): AsyncGenerator<RunEvent, void, undefined> {
    const { docker, language, request, limits, settings, signal } = this.o;
    if (signal.aborted) {
      this.#enter('finished');
      yield this.#stoppedBeforeStart();
      return;
    }
    const container = await docker.createContainer(
      sandboxContainerSpec({ language, limits, settings, now: Date.now() }),
    );
    this.#container = container;
    // Attach before start so no early output is missed; hijack gives a duplex socket
    // whose write side is the container's stdin.
    const stream = (await container.attach({
      stream: true,
      stdin: true,
      stdout: true,
      stderr: true,
      hijack: true,
    })) as NodeJS.ReadWriteStream & { destroy(): void };
    this.#disposers.push(() => stream.destroy());
    stream.on('error', (err: NodeJS.ErrnoException) => {
      // EPIPE/ECONNRESET: the program exited without reading all of its stdin. Not an error.
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') this.o.log.warn('sandbox stream error', err);
    });
    const onEnd = () => this.#markEnded();
    stream.on('end', onEnd);
    stream.on('close', onEnd);
    docker.modem.demuxStream(stream, this.#sink('stdout'), this.#sink('stderr'));

    const onAbort = () => this.#stopWith('stopped');
    signal.addEventListener('abort', onAbort, { once: true });
    this.#disposers.push(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) {
      this.#enter('finished');
      yield this.#stoppedBeforeStart();
      return;
    }

    await container.start();
    this.#startedAt = performance.now();
    this.#enter('running');
    const timer = setTimeout(() => this.#stopWith('timeout'), limits.timeMs);
    this.#disposers.push(() => clearTimeout(timer));
    // Written before yielding `started` so the program never waits on our consumer.
    stream.end(stdinPayload(request));
    yield { type: 'started', at: Date.now() };

    // Whichever of `ended` and `stopped` is noted first decides how the run ended.
    let note = await this.#notes.shift();
    while (note.kind === 'event') {
      yield note.event;
      note = await this.#notes.shift();
    }
    const exit =
      note.kind === 'stopped' && this.#stop ? this.#stoppedExit(this.#stop) : await this.#naturalExit(container);
    this.#enter('finished');
    yield exit;
  }

  #stoppedExit(stop: { outcome: StopOutcome; stream?: OutputStream }): ExitEvent {
    return {
      type: 'exit',
      outcome: stop.outcome,
      code: null,
      signal: 'SIGKILL',
      durationMs: this.#elapsed(),
      message: outcomeMessage(stop.outcome, this.o.limits, stop.stream),
    };
  }

  async #naturalExit(container: Docker.Container): Promise<ExitEvent> {
    const { limits } = this.o;
    // The output stream has ended; wait() returns as soon as Docker records the exit.
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const durationMs = this.#elapsed();
    const status = describeExitStatus(StatusCode);
    // The kernel OOM killer sends SIGKILL; only then is the extra inspect worth it.
    if (status.signal === 'SIGKILL') {
      const info = await container.inspect();
      if (info.State.OOMKilled) {
        return { type: 'exit', outcome: 'memory', ...status, durationMs, message: outcomeMessage('memory', limits) };
      }
    }
    return { type: 'exit', outcome: 'exited', ...status, durationMs };
  }

  /** Receives one stream's demultiplexed bytes; caps and decodes them right away. */
  #sink(stream: OutputStream): Writable {
    const decoder = new CappedStreamDecoder(this.o.limits.outputBytes);
    this.#decoders.set(stream, decoder);
    // demuxStream only ever calls write(); the end of output is seen on the attach stream.
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (!this.#stop && !this.#ended) {
          const { text, truncated } = decoder.push(chunk);
          if (text) this.#notes.push({ kind: 'event', event: { type: 'output', stream, data: text } });
          if (truncated) {
            this.#notes.push({ kind: 'event', event: { type: 'truncated', stream, limitBytes: decoder.limitBytes } });
            this.#stopWith('output-limit', stream);
          }
        }
        done();
      },
    });
  }

  /** The attach stream ended: every data event has been demultiplexed by now. */
  #markEnded(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#endedAt ||= performance.now();
    if (!this.#stop) {
      for (const [stream, decoder] of this.#decoders) {
        const rest = decoder.end();
        if (rest) this.#notes.push({ kind: 'event', event: { type: 'output', stream, data: rest } });
      }
    }
    this.#notes.push({ kind: 'ended' });
  }

  /**
   * First stop wins; it kills at once, whatever the consumer is doing. It still kills
   * after the stream ended, in case the container outlived a dropped connection.
   */
  #stopWith(outcome: StopOutcome, stream?: OutputStream): void {
    if (this.#stop || this.#phase === 'finished') return;
    this.#stop = { outcome, stream };
    this.#endedAt ||= performance.now();
    this.#notes.push({ kind: 'stopped' });
    this.#container?.kill({ signal: 'SIGKILL' }).catch((err: unknown) => {
      // 409/304/404: it already exited or is gone; removal in finally covers the rest.
      if (!isConflict(err) && !isNotFound(err)) this.o.log.warn('could not kill sandbox container', err);
    });
  }

  #stoppedBeforeStart(): ExitEvent {
    return {
      type: 'exit',
      outcome: 'stopped',
      code: null,
      signal: null,
      durationMs: 0,
      message: outcomeMessage('stopped', this.o.limits),
    };
  }

  #elapsed(): number {
    if (this.#startedAt === 0) return 0;
    const end = this.#endedAt || performance.now();
    return Math.max(0, Math.round(end - this.#startedAt));
  }

  #enter(next: RunPhase): void {
    if (!TRANSITIONS[this.#phase].includes(next)) {
      throw new Error(`invalid run transition ${this.#phase} → ${next}`);
    }
    this.#phase = next;
  }
}
