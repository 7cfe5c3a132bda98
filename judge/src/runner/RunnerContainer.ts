import type Docker from 'dockerode';
import { isNotFound } from '../dockerErrors.ts';
import type { JudgeLogger } from '../SandboxRun.ts';
import { DockerStreamDemuxer } from './DockerStreamDemuxer.ts';
import {
  EOF_COMMAND,
  type ExecResult,
  type ExecSpec,
  execCommand,
  type Frame,
  FrameParser,
  fileCommand,
  inputCommand,
  SEAL_COMMAND,
} from './runnerProtocol.ts';

/** The sandbox stopped answering (runner died, container killed, protocol broken): never the program's verdict. */
export class RunnerError extends Error {
  readonly reason = 'runner';
}

/** The caller's signal fired: the container was killed. */
export class RunnerStoppedError extends Error {
  readonly reason = 'stopped';
  constructor() {
    super('stopped');
  }
}

/** Time the runner gets beyond a program's wall limit to report before we give up on it. */
const ANSWER_GRACE_MS = 5_000;
const READY_TIMEOUT_MS = 15_000;
/** Docker sometimes refuses a removal racing the container's own exit; it succeeds on retry. */
const REMOVE_ATTEMPTS = 4;

interface PendingExec {
  /** Called when the runner starts this EXEC (arms its answer timer). */
  start(): void;
  resolve(result: ExecResult): void;
  reject(err: Error): void;
  onOutput?: (stream: 'stdout' | 'stderr', data: Buffer) => void;
  /** Restarts the wait for the answer (live input gives the program more time). */
  rearm(): void;
}

/**
 * One started sandbox container whose PID 1 is csrunner, attached before start so no
 * frame is missed. Used for one job only, then removed (never handed to a second job).
 */
export class RunnerContainer {
  readonly #container: Docker.Container;
  readonly #stream: NodeJS.ReadWriteStream & { destroy(): void };
  readonly #parser = new FrameParser();
  readonly #log: JudgeLogger;
  readonly #onRemoved: () => void;
  #ready: { resolve(): void; reject(err: Error): void } | undefined;
  /** The EXEC the runner is running (the next result frame is its answer). */
  #pending: PendingExec | undefined;
  /** EXECs already written behind it, in order: the runner starts each when the one before ends. */
  readonly #queued: PendingExec[] = [];
  #dead: Error | undefined;
  #removal: Promise<void> | undefined;
  readonly createdAt = Date.now();

  private constructor(
    container: Docker.Container,
    stream: NodeJS.ReadWriteStream & { destroy(): void },
    log: JudgeLogger,
    onRemoved: () => void,
  ) {
    this.#container = container;
    this.#stream = stream;
    this.#log = log;
    this.#onRemoved = onRemoved;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') log.warn('sandbox stream error', err);
    });
    const ended = () => this.#fail(new RunnerError('The sandbox stopped unexpectedly.'));
    stream.on('end', ended);
    stream.on('close', ended);
    const demuxer = new DockerStreamDemuxer({
      // The runner writes nothing to stderr; the program's output reaches us in frames.
      onData: (from, data) => {
        if (from === 'stdout') this.#receive(data);
      },
    });
    stream.on('data', (chunk: Buffer) => {
      // Once failed, nobody waits for a frame: parsing what a dying sandbox still sends is wasted work.
      if (this.#dead) return;
      try {
        demuxer.push(chunk);
      } catch (err) {
        this.#broken(err as Error);
      }
    });
  }

  /** Creates, attaches and starts a container; resolves once the runner says READY. */
  static async start(options: {
    docker: Docker;
    spec: Docker.ContainerCreateOptions;
    log: JudgeLogger;
    onCreated(id: string): void;
    onRemoved(id: string): void;
  }): Promise<RunnerContainer> {
    const { docker, spec, log } = options;
    const container = await docker.createContainer(spec);
    options.onCreated(container.id);
    let runner: RunnerContainer | undefined;
    try {
      const stream = (await container.attach({
        stream: true,
        stdin: true,
        stdout: true,
        stderr: true,
        hijack: true,
      })) as NodeJS.ReadWriteStream & { destroy(): void };
      runner = new RunnerContainer(container, stream, log, () => options.onRemoved(container.id));
      const ready = new Promise<void>((resolve, reject) => {
        if (runner) runner.#ready = { resolve, reject };
      });
      await container.start();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        ready,
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new RunnerError('The sandbox did not start in time.')), READY_TIMEOUT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
      return runner;
    } catch (err) {
      if (runner) await runner.remove();
      else {
        await container.remove({ force: true }).catch(() => {
          // Best effort: the stale-container sweep removes it otherwise.
        });
        options.onRemoved(container.id);
      }
      throw err;
    }
  }

  get id(): string {
    return this.#container.id;
  }

  /** False once the runner failed or the container was removed. */
  get alive(): boolean {
    return !this.#dead && !this.#removal;
  }

  writeFile(name: string, data: Buffer): void {
    this.#write(fileCommand(name, data));
  }

  /** From now on every EXEC starts from the work dir as it is now. */
  seal(): void {
    this.#write(SEAL_COMMAND);
  }

  /**
   * Runs one EXEC. Rejects with RunnerError (the sandbox failed) or RunnerStoppedError (signal).
   * Captured EXECs (no `onOutput`) may be queued while another runs: the command is written
   * at once and the runner starts it as soon as the one before has ended and the work dir is
   * reset, without waiting for a round trip to the host. Results come back in order.
   */
  exec(
    spec: ExecSpec,
    options: { signal?: AbortSignal; onOutput?: (stream: 'stdout' | 'stderr', data: Buffer) => void } = {},
  ): Promise<ExecResult> {
    if (this.#pending && (options.onOutput || this.#pending.onOutput)) {
      return Promise.reject(new Error('a streamed EXEC runs alone'));
    }
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new RunnerStoppedError());
    if (this.#dead) return Promise.reject(this.#dead);
    return new Promise<ExecResult>((resolve, reject) => {
      // Live input: the program may wait up to idleMs after each input, and compute for the rest of wallMs.
      const answerMs = spec.wallMs + (spec.idleMs ?? 0) + ANSWER_GRACE_MS;
      const timeout = () => {
        this.#fail(new RunnerError('The sandbox did not answer in time.'));
        void this.remove();
      };
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        this.#fail(new RunnerStoppedError());
        void this.remove();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const exec: PendingExec = {
        start: () => {
          timer = setTimeout(timeout, answerMs);
        },
        resolve: (result) => {
          done();
          resolve(result);
        },
        reject: (err) => {
          done();
          reject(err);
        },
        onOutput: options.onOutput,
        rearm: () => {
          clearTimeout(timer);
          timer = setTimeout(timeout, answerMs);
        },
      };
      if (this.#pending) this.#queued.push(exec);
      else {
        this.#pending = exec;
        exec.start();
      }
      this.#write(execCommand(spec));
    });
  }

  /** More stdin for the program of the running live EXEC; false when none runs (the input is dropped). */
  feedInput(data: Buffer): boolean {
    return this.#live(inputCommand(data));
  }

  /** Ends the stdin of the running live EXEC's program; false when none runs. */
  endInput(): boolean {
    return this.#live(EOF_COMMAND);
  }

  #live(command: Buffer): boolean {
    if (!this.#pending || this.#dead) return false;
    this.#pending.rearm();
    this.#write(command);
    return true;
  }

  /** Force-removes the container (kills the runner and everything in it). Idempotent. */
  remove(): Promise<void> {
    this.#removal ??= (async () => {
      this.#fail(new RunnerError('The sandbox was removed.'));
      // Removed before the stream closes: closing stdin first makes the runner exit,
      // and Docker then races its own exit against the kill ("is not running", HTTP 500).
      for (let attempt = 1; ; attempt++) {
        try {
          await this.#container.remove({ force: true });
          break;
        } catch (err) {
          // 404: already gone (a sweep, or the engine lost it); the goal is reached.
          if (isNotFound(err)) break;
          if (attempt >= REMOVE_ATTEMPTS) {
            this.#log.warn(`could not remove sandbox container ${this.id}`, err);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
      this.#stream.destroy();
      this.#onRemoved();
    })();
    return this.#removal;
  }

  #write(data: Buffer): void {
    if (this.#dead) throw this.#dead;
    this.#stream.write(data);
  }

  #receive(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.#parser.push(chunk);
    } catch (err) {
      this.#broken(err as Error);
      return;
    }
    for (const frame of frames) {
      switch (frame.type) {
        case 'ready':
          this.#ready?.resolve();
          this.#ready = undefined;
          break;
        case 'output':
          this.#pending?.onOutput?.(frame.stream, frame.data);
          break;
        case 'result': {
          const answered = this.#pending;
          this.#pending = this.#queued.shift();
          this.#pending?.start();
          answered?.resolve(frame.result);
          break;
        }
        case 'failed':
          this.#fail(new RunnerError(`The sandbox runner failed: ${frame.message}`));
          break;
        default: {
          const unreachable: never = frame;
          throw new Error(`unhandled frame ${String(unreachable)}`);
        }
      }
    }
  }

  /** The stream broke the protocol: nothing more it says can be trusted. */
  #broken(err: Error): void {
    this.#fail(new RunnerError(`The sandbox sent an invalid answer (${err.message}).`));
    void this.remove();
  }

  /** First failure wins; whoever waits learns it. */
  #fail(err: Error): void {
    this.#dead ??= err;
    this.#ready?.reject(this.#dead);
    this.#ready = undefined;
    const waiting = [this.#pending, ...this.#queued.splice(0)];
    this.#pending = undefined;
    for (const exec of waiting) exec?.reject(this.#dead);
  }
}
