import type Koa from 'koa';

/** A room whose accepted edits are not stored yet. */
export interface WaitingRoom {
  roomId: string;
  unstoredUpdates: number;
  /** Age of its oldest unstored edit. */
  oldestAgeMs: number;
}

export interface HealthOptions {
  /** Asks the database for a cheap answer (the `ping` command); rejects when it cannot. */
  ping(): Promise<unknown>;
  /** A ping not answered within this is a database that is down (or stalled). */
  pingTimeoutMs?: number;
  /** How long one answer is reused, so probes and dashboards polling health stay cheap. */
  cacheMs?: number;
  /** Rooms whose edits wait to be stored; unset: not reported. */
  waitingRooms?(): WaitingRoom[];
  /** A room waiting longer than this makes the server unhealthy. */
  maxWaitingMs?: number;
}

export interface HealthReport {
  ok: boolean;
  database: 'up' | 'down';
  waitingRooms?: WaitingRoom[];
}

/**
 * GET /api/health: 200 with `{ ok: true }` while the database answers and no room's edits
 * wait too long to be stored; 503 with what is wrong otherwise. The database is pinged
 * rather than its process watched, so this holds with MONGODB_URI as well.
 * Mounted before sessions: a probe must not need the database to be answered.
 */
export function healthRoute(options: HealthOptions): Koa.Middleware {
  const probe = databaseProbe(options);
  const maxWaitingMs = options.maxWaitingMs ?? 10_000;
  return async (ctx, next) => {
    if (ctx.path !== '/api/health') return next();
    const report: HealthReport = { ok: true, database: (await probe()) ? 'up' : 'down' };
    if (options.waitingRooms) {
      const waiting = options.waitingRooms();
      report.waitingRooms = waiting;
      if (waiting.some((room) => room.oldestAgeMs > maxWaitingMs)) report.ok = false;
    }
    if (report.database === 'down') report.ok = false;
    ctx.status = report.ok ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = report;
  };
}

/** Whether the database answers a ping: one ping in flight at most, its answer cached. */
function databaseProbe(options: HealthOptions): () => Promise<boolean> {
  const timeoutMs = options.pingTimeoutMs ?? 1_000;
  const cacheMs = options.cacheMs ?? 1_000;
  let last: { at: number; up: boolean } | null = null;
  let inFlight: Promise<boolean> | null = null;
  const ping = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      // A stalled database never answers: the timeout decides, and the late answer is dropped.
      return await Promise.race([
        options.ping().then(
          () => true,
          () => false,
        ),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  return () => {
    if (last && Date.now() - last.at < cacheMs) return Promise.resolve(last.up);
    inFlight ??= ping().then((up) => {
      last = { at: Date.now(), up };
      inFlight = null;
      return up;
    });
    return inFlight;
  };
}
