import { type ChildProcess, spawn } from 'node:child_process';

/**
 * A server of a test in a process of its own, so the test can kill it with SIGKILL as a
 * crash would. It runs under `setpriv --pdeathsig KILL` (util-linux): it dies with the test
 * process even when that is killed, and never outlives a run.
 */
export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the first match of `pattern` in its output; rejects if it exits first or after `ms`. */
  waitForOutput(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  /** SIGTERM (a clean stop), resolved once it exited; nothing if it already has. */
  stop(): Promise<void>;
  /** SIGKILL (a crash), resolved once it exited; nothing if it already has. */
  kill(): Promise<void>;
}

/** Most of a chatty process's output is not needed to explain a failure: keep the end. */
const KEPT_OUTPUT_CHARS = 64 * 1024;

export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ManagedProcess {
  const child = spawn('setpriv', ['--pdeathsig', 'KILL', command, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return {
    name,
    child,
    output: () => output,
    waitForOutput(pattern, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const done = () => {
          listeners.delete(check);
          child.off('exit', onExit);
          clearTimeout(timer);
        };
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          done();
          resolve(match);
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
          done();
          reject(new Error(`${name} exited (${signal ?? code}) before printing ${pattern}:\n${output}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name} did not print ${pattern} within ${ms} ms:\n${output}`));
        }, ms);
        listeners.add(check);
        child.once('exit', onExit);
        check();
        if (hasExited(child)) onExit(child.exitCode, child.signalCode);
      });
    },
    stop: () => endProcess(child, 'SIGTERM'),
    kill: () => endProcess(child, 'SIGKILL'),
  };
}

/** Sends `signal` and resolves once `child` exited; at once if it already has. */
function endProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
