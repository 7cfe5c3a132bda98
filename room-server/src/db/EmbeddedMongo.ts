import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log/logger.ts';
import { canConnect, freePort } from './loopbackPorts.ts';
import { endOrphanDatabases } from './orphanDatabases.ts';

export interface EmbeddedMongoOptions {
  /** Path of the FerretDB binary (built by scripts/ensure-ferretdb.sh). */
  binary: string;
  /** Folder for the SQLite files and FerretDB's state. */
  dataDir: string;
  /** Milliseconds to wait for the server to accept connections. */
  startTimeoutMs?: number;
  /**
   * First end every FerretDB still serving `dataDir` (left by a room-server killed before
   * it could take its database along). room-server's own start only: `create-admin` may
   * run beside a live server, whose database it must not end.
   */
  endOrphans?: boolean;
  /** Where exits and restarts are reported; unset: not reported. */
  log?: Logger;
  /** Wait before the first restart of a database that died; doubles while it keeps dying. */
  restartDelayMs?: number;
  /** Longest wait between restarts. */
  maxRestartDelayMs?: number;
}

/** A database that stayed up this long counts as healthy again: its next restart waits the least. */
const STABLE_AFTER_MS = 30_000;

/**
 * The embedded MongoDB-wire server: FerretDB with its SQLite handler as a child process
 * on a free loopback port. Used when MONGODB_URI is unset, and by tests.
 *
 * Supervised: when FerretDB dies it is started again, with backoff, on the same port and
 * data folder, so the driver's connection pool finds it again without a new URI. It dies
 * with this process even on SIGKILL (PR_SET_PDEATHSIG through `setpriv`), and room-server's
 * start first ends any FerretDB an earlier, killed start left on the same data folder.
 */
export class EmbeddedMongo {
  readonly uri: string;
  private child: ChildProcess | null = null;
  private readonly output: string[] = [];
  private supervising = false;
  private upSince = 0;
  private quickExits = 0;
  private restartTimer?: NodeJS.Timeout;
  private restartCount = 0;
  private closing?: Promise<void>;

  private constructor(
    private readonly options: EmbeddedMongoOptions,
    private readonly dataDir: string,
    private readonly port: number,
  ) {
    this.uri = `mongodb://127.0.0.1:${port}/`;
  }

  static async start(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
    const dataDir = path.resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    const ended = options.endOrphans ? await endOrphanDatabases(dataDir) : [];
    if (ended.length > 0) {
      options.log?.warn({ pids: ended, dataDir }, 'ended an embedded database an earlier start left running');
    }
    const server = new EmbeddedMongo(options, dataDir, await freePort());
    try {
      await server.launch();
    } catch (err) {
      await server.close();
      throw err;
    }
    server.supervising = true;
    return server;
  }

  /** Process id of the running FerretDB (tests stop and kill it). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How many times FerretDB was started again after dying. */
  get restarts(): number {
    return this.restartCount;
  }

  private async launch(): Promise<void> {
    const child = spawnWithParentDeath(path.resolve(this.options.binary), [
      '--handler=sqlite',
      `--sqlite-url=file:${this.dataDir}/`,
      `--listen-addr=127.0.0.1:${this.port}`,
      '--telemetry=disable',
      `--state-dir=${this.dataDir}`,
      '--log-level=warn',
      // The debug HTTP listener defaults to a fixed port, which a second instance (or
      // anything else on 8088) would collide with.
      '--debug-addr=-',
    ]);
    this.child = child;
    this.upSince = 0;
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 50) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let ended = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null, err?: Error) => {
      if (ended) return;
      ended = true;
      this.onExit(child, code, signal, err);
    };
    child.once('exit', (code, signal) => onEnd(code, signal));
    child.once('error', (err) => onEnd(null, null, err));
    await this.waitUntilListening(child, this.options.startTimeoutMs ?? 20_000);
    this.upSince = Date.now();
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, err?: Error): void {
    // Only the current child of a running server is restarted: not one replaced already,
    // not during close, and not during the first start (which fails instead).
    if (child !== this.child || this.closing || !this.supervising) return;
    if (this.upSince > 0 && Date.now() - this.upSince >= STABLE_AFTER_MS) this.quickExits = 0;
    const base = this.options.restartDelayMs ?? 200;
    const delayMs = Math.min(base * 2 ** this.quickExits, this.options.maxRestartDelayMs ?? 5_000);
    this.quickExits += 1;
    this.options.log?.error(
      { code, signal, err, delayMs, output: this.output.slice(-5).join('') },
      'embedded database exited; restarting it',
    );
    this.restartTimer = setTimeout(() => void this.restart(), delayMs);
  }

  private async restart(): Promise<void> {
    try {
      await this.launch();
      this.restartCount += 1;
      this.options.log?.info({ pid: this.child?.pid, restarts: this.restartCount }, 'embedded database restarted');
    } catch (err) {
      if (this.closing) return;
      this.options.log?.error({ err }, 'restarting the embedded database failed');
      // Started but never listening: kill it, and its exit schedules the next attempt.
      // (One that exited or failed to spawn has scheduled it already.)
      if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }
  }

  private async waitUntilListening(child: ChildProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const exited = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(new Error(`FerretDB exited with code ${code} while starting:\n${this.output.join('')}`)),
      );
    });
    exited.catch(() => {});
    while (Date.now() < deadline) {
      if (await Promise.race([canConnect(this.port), exited])) return;
      await sleep(50);
    }
    throw new Error(`FerretDB did not accept connections within ${timeoutMs} ms:\n${this.output.join('')}`);
  }

  /** Ends FerretDB at once (SIGKILL, which also ends a stopped one) and stops restarting it: for a process exiting now. */
  kill(): void {
    this.closing ??= Promise.resolve();
    clearTimeout(this.restartTimer);
    this.child?.kill('SIGKILL');
  }

  /** Stops FerretDB (SIGTERM, SIGKILL after 5 s) and stops restarting it. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await exited;
    }
  }
}

let setprivPath: string | null | undefined;

/**
 * Spawns `binary` so that the kernel kills it when this process ends, however it ends:
 * `setpriv --pdeathsig SIGKILL` (util-linux) sets PR_SET_PDEATHSIG and execs the binary,
 * which keeps the pid. The signal follows the *thread* that spawned it; Node spawns from
 * the main thread, which lives as long as the process. Without setpriv (not Linux) the
 * binary is spawned as is, and a start ends what a killed one left (endOrphanDatabases).
 */
function spawnWithParentDeath(binary: string, args: string[]): ChildProcess {
  setprivPath ??= findOnPath('setpriv');
  const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
  if (!setprivPath) return spawn(binary, args, { stdio });
  return spawn(setprivPath, ['--pdeathsig', 'SIGKILL', '--', binary, ...args], { stdio });
}

function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder: try the next.
    }
  }
  return null;
}
