import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedMongoOptions {
  /** Path of the FerretDB binary (built by scripts/ensure-ferretdb.sh). */
  binary: string;
  /** Folder for the SQLite files and FerretDB's state. */
  dataDir: string;
  /** Milliseconds to wait for the server to accept connections. */
  startTimeoutMs?: number;
}

/**
 * The embedded MongoDB-wire server: FerretDB with its SQLite handler as a child
 * process on a free loopback port. Used when MONGODB_URI is unset, and by tests.
 */
export class EmbeddedMongo {
  private closing?: Promise<void>;
  private readonly output: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly uri: string,
  ) {}

  static async start(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
    const dataDir = path.resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    const port = await freePort();
    const child = spawn(
      path.resolve(options.binary),
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dataDir}/`,
        `--listen-addr=127.0.0.1:${port}`,
        '--telemetry=disable',
        `--state-dir=${dataDir}`,
        '--log-level=warn',
        // The debug HTTP listener defaults to a fixed port, which a second instance (or
        // anything else on 8088) would collide with.
        '--debug-addr=-',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const server = new EmbeddedMongo(child, `mongodb://127.0.0.1:${port}/`);
    const keep = (chunk: Buffer) => {
      server.output.push(chunk.toString());
      if (server.output.length > 50) server.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    try {
      await server.waitUntilListening(port, options.startTimeoutMs ?? 20_000);
    } catch (err) {
      await server.close();
      throw err;
    }
    return server;
  }

  private async waitUntilListening(port: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const exited = new Promise<never>((_, reject) => {
      this.child.once('error', reject);
      this.child.once('exit', (code) =>
        reject(new Error(`FerretDB exited with code ${code} while starting:\n${this.output.join('')}`)),
      );
    });
    exited.catch(() => {});
    while (Date.now() < deadline) {
      if (await Promise.race([canConnect(port), exited])) return;
      await sleep(50);
    }
    throw new Error(`FerretDB did not accept connections within ${timeoutMs} ms:\n${this.output.join('')}`);
  }

  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!killed) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
