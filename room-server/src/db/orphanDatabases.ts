import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * FerretDB processes serving `dataDir`, found through /proc (Linux): the command line of
 * each one names its state directory. Elsewhere (no /proc) none are found.
 */
export async function findDatabasesOf(dataDir: string): Promise<number[]> {
  const stateArg = `--state-dir=${path.resolve(dataDir)}`;
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    // No /proc (not Linux): orphans cannot be found, and start-up goes on without.
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const argv = await readFile(`/proc/${entry}/cmdline`, 'utf8').then(
      (text) => text.split('\0'),
      // The process ended while we looked, or is not ours to read.
      () => [] as string[],
    );
    if (argv.includes(stateArg) && argv.some((arg) => path.basename(arg).startsWith('ferretdb'))) {
      found.push(Number(entry));
    }
  }
  return found;
}

/**
 * Ends every FerretDB still serving `dataDir` — left behind by a room-server that was
 * killed without taking its database along — so the new one can open the files. Asks
 * with SIGTERM first (FerretDB closes SQLite cleanly), SIGKILL after `graceMs`.
 * Returns the pids it ended.
 */
export async function endOrphanDatabases(dataDir: string, graceMs = 2_000): Promise<number[]> {
  const pids = await findDatabasesOf(dataDir);
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (pids.some(isRunning) && Date.now() < deadline) await sleep(50);
  for (const pid of pids.filter(isRunning)) signal(pid, 'SIGKILL');
  while (pids.some(isRunning)) await sleep(20);
  return pids;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone: nothing to end.
  }
}

/** Whether `pid` is alive; a zombie (killed, not yet reaped by its parent) is not. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // The state letter follows the command name in parentheses, which may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // No /proc: the signal test above is all there is.
    return true;
  }
}
