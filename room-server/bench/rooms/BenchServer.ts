import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** The sockets of one room as the load generator opens them (a y-websocket provider each). */
export interface RoomPlan {
  /** y-websocket's `serverUrl`: the provider connects to `${serverUrl}/${room}?${params}`. */
  serverUrl: string;
  room: string;
  params: Record<string, string>;
  /**
   * One entry per socket: the headers its WebSocket sends (cookie, origin), and with
   * several servers, which one it connects to (its `serverUrl`, numbered `server`).
   */
  sockets: { headers: Record<string, string>; serverUrl?: string; server?: number }[];
}

/** A room server under test, running as its own child process. */
export interface BenchServer {
  readonly name: string;
  readonly pid: number;
  /**
   * `rooms` rooms of `clientsPerRoom` sockets each, ready to be joined. Where people sign
   * in, the sockets of a room share `peoplePerRoom` sessions (one browser each, its tabs).
   */
  prepareRooms(rooms: number, clientsPerRoom: number, peoplePerRoom: number): Promise<RoomPlan[]>;
  close(): Promise<void>;
}

export interface ServerChild {
  child: ChildProcess;
  /** The first match of `ready` on the child's stdout. */
  ready: RegExpExecArray;
  /** The child's last lines of output, to show when something goes wrong. */
  tail(): string;
  /** SIGTERM, then SIGKILL past `graceMs`; resolves once the child has exited. */
  stop(graceMs: number): Promise<void>;
}

/** Spawns a server and waits until its stdout matches `ready` (rejects if it exits or takes too long). */
export async function spawnServer(options: {
  command: string;
  args: string[];
  cwd?: string;
  /** The child's whole environment. */
  env: NodeJS.ProcessEnv;
  ready: RegExp;
  timeoutMs: number;
}): Promise<ServerChild> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const tail = () => lines.slice(-30).join('\n');
  const exited = once(child, 'exit');
  const stop = async (graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.command} did not start:\n${tail()}`)),
      options.timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line) lines.push(line);
        const match = options.ready.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        }
      }
      // Only the tail is ever shown; the server logs for as long as it runs.
      if (lines.length > 200) lines.splice(0, lines.length - 100);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${options.command} exited before it was ready:\n${tail()}`));
    });
  }).catch(async (err: unknown) => {
    await stop(1_000);
    throw err;
  });
  return { child, ready, tail, stop };
}
