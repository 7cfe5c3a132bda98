import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A Redis server of its own for one test file: Debian's `redis-server` (installed by
 * `scripts/setup.sh test`) on a free loopback port, without persistence. It dies with
 * the test process even on SIGKILL (PR_SET_PDEATHSIG through `setpriv`).
 */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      'setpriv',
      [
        '--pdeathsig',
        'KILL',
        'redis-server',
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    if (await accepts(port, child)) {
      return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopChild(child) };
    }
    await stopChild(child);
    // Another process may have taken the free port between our check and Redis's bind.
    if (attempt === 3) throw new Error(`redis-server did not start:\n${output.join('')}`);
  }
}

async function accepts(port: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await canConnect(port)) return true;
    await sleep(20);
  }
  return false;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A loopback port free just now (nothing listens on it until someone binds it). */
export function freePort(): Promise<number> {
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
