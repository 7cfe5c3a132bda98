import { cachedCheck } from '@codestream/judge';
import type { HealthReport, ReadyReport, WaitingRoom } from '@codestream/shared/api';
import type Koa from 'koa';

export type { WaitingRoom } from '@codestream/shared/api';

export interface HealthOptions {
  /** Asks the database for a cheap answer (the `ping` command); rejects when it cannot. */
  ping(): Promise<unknown>;
  /** A ping not answered within this is a database that is down (or stalled). */
  pingTimeoutMs?: number;
  /** What would make every run fail (Judge.checkReady); unset: the judge is not reported. */
  judge?(): Promise<string[]>;
  /** Pings Redis (scale-out); unset: Redis is not reported. */
  redis?(): Promise<unknown>;
  /** How long one answer of each part is reused, so probes and dashboards polling stay cheap. */
  cacheMs?: number;
  /** Rooms whose edits wait to be stored; unset: not reported. */
  waitingRooms?(): WaitingRoom[];
  /** A room waiting longer than this makes the server unhealthy. */
  maxWaitingMs?: number;
  /** True once the server shuts down: /api/ready answers 503 from then on. */
  draining?(): boolean;
}

/** The judge may have to ask Docker or the judge service, which takes longer than a database ping. */
const JUDGE_TIMEOUT_MS = 2_000;

/**
 * GET /api/health: 200 with `{ ok: true, database: 'up', ... }` while every part answers
 * (the database; the judge: Docker or the judge service; Redis when configured) and no
 * room's edits wait too long to be stored; 503 with what is down otherwise. Each part is
 * asked at most once per `cacheMs`, with a timeout, so a stalled part cannot stall probes.
 *
 * GET /api/ready, for load balancers: 200 `{ ready: true }` while the server takes new
 * work (the database answers and it is not shutting down), else 503 with the reason.
 * Mounted before sessions: a probe must not need the database to be answered.
 */
export function healthRoute(options: HealthOptions): Koa.Middleware {
  const cacheMs = options.cacheMs ?? 1_000;
  const database = cachedCheck(options.ping, { timeoutMs: options.pingTimeoutMs ?? 1_000, cacheMs });
  const parts: [name: 'judge' | 'redis', check: () => Promise<string[]>][] = [];
  if (options.judge) parts.push(['judge', cachedCheck(options.judge, { timeoutMs: JUDGE_TIMEOUT_MS, cacheMs })]);
  if (options.redis) {
    parts.push(['redis', cachedCheck(options.redis, { timeoutMs: options.pingTimeoutMs ?? 1_000, cacheMs })]);
  }
  const maxWaitingMs = options.maxWaitingMs ?? 10_000;

  const health = async (): Promise<HealthReport> => {
    const [databaseProblems, ...partProblems] = await Promise.all([database(), ...parts.map(([, check]) => check())]);
    const report: HealthReport = { ok: true, database: databaseProblems?.length ? 'down' : 'up' };
    const problems = (databaseProblems ?? []).map((problem) => `database: ${problem}`);
    parts.forEach(([name], i) => {
      const found = partProblems[i] ?? [];
      report[name] = found.length > 0 ? 'down' : 'up';
      problems.push(...found.map((problem) => `${name}: ${problem}`));
    });
    if (problems.length > 0) {
      report.ok = false;
      report.problems = problems;
    }
    if (options.waitingRooms) {
      const waiting = options.waitingRooms();
      report.waitingRooms = waiting;
      if (waiting.some((room) => room.oldestAgeMs > maxWaitingMs)) report.ok = false;
    }
    return report;
  };

  const ready = async (): Promise<ReadyReport> => {
    if (options.draining?.()) return { ready: false, reason: 'shutting down' };
    const problems = await database();
    return problems.length > 0 ? { ready: false, reason: `database: ${problems.join('; ')}` } : { ready: true };
  };

  return async (ctx, next) => {
    if (ctx.path !== '/api/health' && ctx.path !== '/api/ready') return next();
    if (ctx.path === '/api/health') {
      const report = await health();
      ctx.status = report.ok ? 200 : 503;
      ctx.body = report;
    } else {
      const answer = await ready();
      ctx.status = answer.ready ? 200 : 503;
      ctx.body = answer;
    }
    ctx.set('Cache-Control', 'no-store');
  };
}
