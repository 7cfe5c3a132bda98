import type { BenchServer } from './BenchServer.ts';
import { LoadGenerator } from './LoadGenerator.ts';
import { readProcess, startUsageWindow, type UsageWindow } from './processStats.ts';

/** Sockets per room: two people typing, two watching (an interviewer, an instructor). */
export const CLIENTS_PER_ROOM = 4;
export const EDITORS_PER_ROOM = 2;
export const EDITS_PER_SECOND = 2;

export interface LoadSettings {
  /** Load generator threads. */
  threads: number;
  connectTimeoutMs: number;
  /** Time left after typing stops for the last edits to arrive before they count as lost. */
  graceMs: number;
}

export interface ScenarioResult {
  sockets: number;
  synced: number;
  /** NaN unless every socket synced. */
  connectSeconds: number;
  /**
   * CPU seconds spent while the sockets connected, by the server, its database (its
   * children) and the load generator: the phase is CPU-bound on a 2-core machine, so
   * their sum tells how much of its time is whose.
   */
  connectCpu: { server: number; database: number; generator: number };
  usage: UsageWindow;
  /** CPU of the load generator (this process, all its threads) over the same window, % of one core. */
  generatorCpuPercent: number;
  /** Only when clients typed. */
  typing?: { p50Ms: number; p99Ms: number; sent: number; expected: number; lost: number; drops: number };
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

const progress = (message: string) => console.error(`    ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU of this process from now until the returned function is called, % of one core. */
function startOwnCpu(): () => number {
  const startedAt = performance.now();
  const before = readProcess(process.pid)?.cpuSeconds ?? Number.NaN;
  return () => {
    const after = readProcess(process.pid)?.cpuSeconds ?? Number.NaN;
    return ((after - before) / ((performance.now() - startedAt) / 1000)) * 100;
  };
}

/**
 * `sockets` sockets (rooms of CLIENTS_PER_ROOM) connect at once; then, if `typingMs` is
 * given, two per room type while the others watch, else all stay idle for `idleMs`. CPU
 * and RSS of the server (and, apart, of its children) cover only the typing or idle time.
 */
export async function runScenario(
  start: () => Promise<BenchServer>,
  sockets: number,
  phase: { typingMs: number } | { idleMs: number },
  settings: LoadSettings,
): Promise<ScenarioResult> {
  const server = await start();
  const load = await LoadGenerator.start(settings.threads).catch(async (err: unknown) => {
    await server.close();
    throw err;
  });
  try {
    const setupStartedAt = performance.now();
    // Typing rooms hold four people; idle rooms one person with four tabs: 5,000 guest
    // sessions take minutes to create through the embedded database, 1,250 do not.
    const people = 'typingMs' in phase ? CLIENTS_PER_ROOM : 1;
    const rooms = await server.prepareRooms(Math.ceil(sockets / CLIENTS_PER_ROOM), CLIENTS_PER_ROOM, people);
    progress(
      `${server.name}: ${rooms.length} rooms set up in ${((performance.now() - setupStartedAt) / 1000).toFixed(1)} s`,
    );
    const connectWindow = startUsageWindow(server.pid);
    const connectOwnCpu = startOwnCpu();
    const connectStartedAt = performance.now();
    const connected = await load.connect(rooms, settings.connectTimeoutMs);
    const connectUsage = connectWindow.end();
    const connectElapsed = (performance.now() - connectStartedAt) / 1000;
    const seconds = (percent: number) => (percent / 100) * connectElapsed;
    const connectCpu = {
      server: seconds(connectUsage.serverCpuPercent),
      database: seconds(connectUsage.childrenCpuPercent),
      generator: seconds(connectOwnCpu()),
    };
    progress(`${server.name}: ${connected.synced} / ${connected.sockets} synced in ${connected.seconds.toFixed(2)} s`);
    const window = startUsageWindow(server.pid);
    const ownCpu = startOwnCpu();
    const base = {
      sockets: connected.sockets,
      synced: connected.synced,
      connectSeconds: connected.seconds,
      connectCpu,
    };
    if ('idleMs' in phase) {
      await sleep(phase.idleMs);
      return { ...base, usage: window.end(), generatorCpuPercent: ownCpu() };
    }
    let usage: { window: UsageWindow; generator: number } | undefined;
    const usageTimer = setTimeout(() => {
      usage = { window: window.end(), generator: ownCpu() };
    }, phase.typingMs);
    const typed = await load.type({
      editors: EDITORS_PER_ROOM,
      editsPerSecond: EDITS_PER_SECOND,
      durationMs: phase.typingMs,
      graceMs: settings.graceMs,
    });
    clearTimeout(usageTimer);
    const sorted = typed.latencies.sort();
    return {
      ...base,
      usage: usage?.window ?? window.end(),
      generatorCpuPercent: usage?.generator ?? ownCpu(),
      typing: {
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        sent: typed.sent,
        expected: typed.expected,
        lost: typed.expected - typed.latencies.length,
        drops: typed.drops,
      },
    };
  } finally {
    await load.close();
    await server.close();
  }
}
