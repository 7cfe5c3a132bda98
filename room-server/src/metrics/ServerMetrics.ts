import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the server reads when /metrics is scraped (set once its parts exist). */
export interface ServerGauges {
  roomSockets(): number;
  dashboardSockets(): number;
  roomsLoaded(): number;
}

/** The update log writer's figures (see UpdateLogWriter's `observer`). */
export interface UpdateLogFigures {
  /** One update accepted into a room's log (code or private notes). */
  accepted(): void;
  /** One insert of a batch of updates answered, after `ms`. */
  written(ms: number): void;
  /** One batch failed (it is kept and tried again). */
  failed(): void;
}

/**
 * A Redis client as far as its connection state goes: ioredis's `status` is `ready` while
 * it is connected and usable (`connecting`, `reconnecting`, `end`, ... otherwise).
 */
export interface RedisStatus {
  readonly status: string;
}

/**
 * The figures of one room-server on a registry of its own (never prom-client's global
 * one, so several servers in one process, as in tests, do not collide). The in-process
 * judge registers its figures on `registry` too (DockerJudge's `metrics` option). Gauges
 * are read when scraped; counters and histograms are fed as things happen.
 */
export class ServerMetrics {
  readonly registry: Registry;
  readonly updateLog: UpdateLogFigures;
  #gauges: ServerGauges | null = null;
  readonly #redis = new Map<string, RedisStatus>();

  /** `processMetrics`: Node's own (CPU, memory, event loop lag); main.ts turns them on. */
  constructor(options: { processMetrics?: boolean } = {}) {
    const registry = new Registry();
    this.registry = registry;
    const registers = [registry];
    const read = (pick: (gauges: ServerGauges) => number) => () => (this.#gauges ? pick(this.#gauges) : 0);
    const roomSockets = read((g) => g.roomSockets());
    const dashboardSockets = read((g) => g.dashboardSockets());
    new Gauge({
      name: 'codestream_sockets_open',
      help: 'WebSockets open now, by kind: room (code and notes) or dashboard.',
      labelNames: ['kind'],
      registers,
      collect() {
        this.set({ kind: 'room' }, roomSockets());
        this.set({ kind: 'dashboard' }, dashboardSockets());
      },
    });
    const roomsLoaded = read((g) => g.roomsLoaded());
    new Gauge({
      name: 'codestream_rooms_loaded',
      help: 'Rooms loaded in this process (joined, or left with edits still being stored).',
      registers,
      collect() {
        this.set(roomsLoaded());
      },
    });
    const accepted = new Counter({
      name: 'codestream_updates_accepted_total',
      help: 'Document updates accepted into the update log (rate() gives updates per second).',
      registers,
    });
    const written = new Histogram({
      name: 'codestream_update_log_write_seconds',
      help: 'Time of one insert of a batch of updates into the update log.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const failed = new Counter({
      name: 'codestream_update_log_write_failures_total',
      help: 'Update log batches that failed to be stored (each is kept and tried again).',
      registers,
    });
    this.updateLog = {
      accepted: () => accepted.inc(),
      written: (ms) => written.observe(ms / 1000),
      failed: () => failed.inc(),
    };
    const clients = this.#redis;
    new Gauge({
      name: 'codestream_redis_connected',
      help: 'Whether each Redis connection is connected and ready (1) or not (0), by client name.',
      labelNames: ['client'],
      registers,
      collect() {
        this.reset();
        for (const [client, redis] of clients) this.set({ client }, redis.status === 'ready' ? 1 : 0);
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: registry });
  }

  /** Where the socket and room gauges are read from. */
  observe(gauges: ServerGauges): void {
    this.#gauges = gauges;
  }

  /**
   * Reports a Redis connection's state under `name` (e.g. `rooms`, `jobs`) until the
   * returned function is called. Anything with ioredis's `status` will do.
   */
  watchRedis(client: RedisStatus, name: string): () => void {
    this.#redis.set(name, client);
    return () => {
      if (this.#redis.get(name) === client) this.#redis.delete(name);
    };
  }
}
