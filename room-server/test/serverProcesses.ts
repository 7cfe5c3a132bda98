import { type ChildProcess, spawn } from 'node:child_process';
import type { RoomServer } from '../src/createRoomServer.ts';

/**
 * Room servers in processes of their own (roomServerProcess.ts), for tests that kill one
 * with SIGKILL. Every one started is killed by `killAll` (call it after the file).
 */
export class ServerProcesses {
  private readonly children: ChildProcess[] = [];

  /** Starts one with `env` added to this process's; resolves with it once it listens. */
  async start(env: Record<string, string>): Promise<{ child: ChildProcess; server: RoomServer }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'room-server/test/roomServerProcess.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening (\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`room server exited (${code}) before listening: ${out}`)));
    });
    // The clients only need its address.
    return { child, server: { url } as RoomServer };
  }

  async killAll(): Promise<void> {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) await kill(child);
    }
  }
}

/** SIGKILL: the server stores nothing more, closes nothing, says goodbye to no one. */
export function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}
