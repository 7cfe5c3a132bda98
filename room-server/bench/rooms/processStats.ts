import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// CPU time and resident memory of a process and of its descendants, read from /proc, so
// a server child is measured on its own and not mixed with the load generator.

/** Clock ticks per second of /proc's utime and stime (100 on Linux almost always, asked anyway). */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export interface ProcessReading {
  /** utime + stime, in seconds. */
  cpuSeconds: number;
  rssBytes: number;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    // The process has exited between listing and reading: it has nothing left to count.
    return null;
  }
}

export function readProcess(pid: number): ProcessReading | null {
  const fields = statFields(pid);
  if (!fields) return null;
  // stat(5): utime and stime are fields 14 and 15, i.e. 11 and 12 after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  let rssKiB = 0;
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    rssKiB = Number(match?.[1] ?? 0);
  } catch {
    return null;
  }
  return { cpuSeconds: ticks / TICKS_PER_SECOND, rssBytes: rssKiB * 1024 };
}

/** Every live descendant of `pid` (children, their children, …). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number(statFields(Number(name))?.[1]);
    if (!Number.isFinite(ppid)) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** CPU seconds of each process of a group still alive, and their RSS summed. */
function readGroup(pids: readonly number[]): { rssBytes: number; perPid: Map<number, number> } {
  const perPid = new Map<number, number>();
  let rssBytes = 0;
  for (const pid of pids) {
    const reading = readProcess(pid);
    if (!reading) continue;
    perPid.set(pid, reading.cpuSeconds);
    rssBytes += reading.rssBytes;
  }
  return { rssBytes, perPid };
}

export interface UsageWindow {
  /** CPU of the server process over the window, as % of one core. */
  serverCpuPercent: number;
  /** CPU of its descendants (the embedded database), as % of one core. */
  childrenCpuPercent: number;
  serverRssBytes: number;
  childrenRssBytes: number;
}

/**
 * Starts measuring `pid` and its descendants now; `end()` gives their CPU over the window
 * and their RSS at its end. A descendant that appears or dies within the window (a
 * restarted database) counts only over the part both readings saw.
 */
export function startUsageWindow(pid: number): { end(): UsageWindow } {
  const startedAt = performance.now();
  const server = readProcess(pid);
  const children = readGroup(descendants(pid));
  return {
    end() {
      const seconds = (performance.now() - startedAt) / 1000;
      const serverNow = readProcess(pid);
      const childrenNow = readGroup(descendants(pid));
      let childCpu = 0;
      for (const [child, cpu] of childrenNow.perPid) {
        const before = children.perPid.get(child);
        if (before !== undefined) childCpu += cpu - before;
      }
      const serverCpu = serverNow && server ? serverNow.cpuSeconds - server.cpuSeconds : Number.NaN;
      return {
        serverCpuPercent: (serverCpu / seconds) * 100,
        childrenCpuPercent: (childCpu / seconds) * 100,
        serverRssBytes: serverNow?.rssBytes ?? Number.NaN,
        childrenRssBytes: childrenNow.rssBytes,
      };
    },
  };
}
