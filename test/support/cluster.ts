import { randomBytes } from 'node:crypto';
import { accepts, freePort } from './ports.ts';
import { type ManagedProcess, startProcess } from './processes.ts';
import { startRedis, type TestRedis } from './redisServer.ts';

/**
 * The scaled deployment of docker-compose.yml as processes on loopback, since no image can
 * be pulled here: Redis, N room-servers (the real entry point, room-server/src/main.ts,
 * configured by its environment as in compose) sharing one database, and Debian's haproxy
 * running deploy/haproxy.cfg, the file compose mounts, so the routing is the one deployed.
 */
export interface Cluster {
  /** HAProxy's address: where clients connect. */
  readonly url: string;
  readonly redis: TestRedis;
  readonly haproxy: ManagedProcess;
  /** room-server-1 … room-server-N, the names HAProxy's X-Served-By header gives. */
  readonly servers: readonly ClusterRoomServer[];
  /** judge-worker-1 … judge-worker-M, taking the room-servers' jobs from the queue. */
  readonly workers: readonly ManagedProcess[];
  /** The room-server named `name` (an X-Served-By value); throws for an unknown one. */
  server(name: string | null): ClusterRoomServer;
  /** Stops HAProxy, every room-server still running and Redis. */
  close(): Promise<void>;
}

export interface ClusterRoomServer {
  readonly name: string;
  readonly port: number;
  /** Its own address, past the balancer. */
  readonly url: string;
  /** The process now running (a new one after `restart`). */
  readonly process: ManagedProcess;
  /** SIGTERM: a clean stop (draining). */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after stop or kill), as an orchestrator would. */
  restart(): Promise<void>;
}

export interface ClusterOptions {
  /** MongoDB server every room-server shares (the suites' embedded one: inject('mongoUri')). */
  mongoUri: string;
  dbName: string;
  /** How many room-servers (1 to 4, what deploy/haproxy.cfg names). Default 2. */
  roomServers?: number;
  /**
   * How many judge workers (each with the local Docker engine) take jobs from the queue.
   * Default 0: the room-servers then run no code (their judge is an address nobody serves).
   */
  judgeWorkers?: number;
  /** More environment for every room-server; `undefined` removes a key of the defaults. */
  env?: Record<string, string | undefined>;
}

const MAX_ROOM_SERVERS = 4;

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const count = options.roomServers ?? 2;
  if (count < 1 || count > MAX_ROOM_SERVERS)
    throw new Error(`deploy/haproxy.cfg names 1 to 4 room-servers, not ${count}`);
  const redis = await startRedis();
  const servers: ClusterRoomServer[] = [];
  const workers: ManagedProcess[] = [];
  let haproxy: ManagedProcess | null = null;
  const close = async () => {
    await haproxy?.stop();
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(workers.map((worker) => worker.stop()));
    await redis.stop();
  };
  try {
    const env = roomServerEnv(options, redis.url);
    const names = Array.from({ length: count }, (_, i) => `room-server-${i + 1}`);
    const workerNames = Array.from({ length: options.judgeWorkers ?? 0 }, (_, i) => `judge-worker-${i + 1}`);
    workers.push(...(await Promise.all(workerNames.map((name) => startJudgeWorker(name, redis.url)))));
    servers.push(...(await Promise.all(names.map((name) => startRoomServer(name, env)))));
    const started = await startHaproxy(servers);
    haproxy = started.haproxy;
    return {
      url: started.url,
      redis,
      haproxy,
      servers,
      workers,
      server(name) {
        const found = servers.find((server) => server.name === name);
        if (!found) throw new Error(`no room-server named ${name}`);
        return found;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** What compose gives every room-server, on loopback; no run is started through this judge. */
function roomServerEnv(options: ClusterOptions, redisUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    MONGODB_URI: options.mongoUri,
    MONGODB_DB: options.dbName,
    REDIS_URL: redisUrl,
    // Shared by every room-server, so a session signed by one is accepted by all.
    SESSION_SECRET: randomBytes(32).toString('hex'),
    TRUST_PROXY: 'true',
    // With workers, jobs go through the queue (REDIS_URL), as in compose.
    ...(options.judgeWorkers ? {} : { JUDGE_URL: 'http://127.0.0.1:9', JUDGE_TOKEN: 'cluster-test-token' }),
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

async function startRoomServer(name: string, env: NodeJS.ProcessEnv): Promise<ClusterRoomServer> {
  const spawnOn = (port: number) =>
    startProcess(name, process.execPath, ['--import', 'tsx', 'room-server/src/main.ts'], {
      ...env,
      PORT: String(port),
      SERVER_ID: name,
    });
  let current = spawnOn(0);
  const [, url = ''] = await current.waitForOutput(/CodeStream is running at (\S+)/);
  const port = Number(new URL(url).port);
  return {
    name,
    port,
    url,
    get process() {
      return current;
    },
    stop: () => current.stop(),
    kill: () => current.kill(),
    async restart() {
      await current.stop();
      current = spawnOn(port);
      await current.waitForOutput(/CodeStream is running at/);
    },
  };
}

/** A judge worker as compose runs one (judge/src/worker.ts), once it takes jobs. */
async function startJudgeWorker(name: string, redisUrl: string): Promise<ManagedProcess> {
  const worker = startProcess(name, process.execPath, ['--import', 'tsx', 'judge/src/worker.ts'], {
    ...process.env,
    REDIS_URL: redisUrl,
    JUDGE_WORKER_ID: name,
  });
  await worker.waitForOutput(/is taking jobs/);
  return worker;
}

/** haproxy in the foreground (-db) on a free loopback port, once it routes to a server. */
async function startHaproxy(servers: readonly ClusterRoomServer[]) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const haproxy = startProcess('haproxy', '/usr/sbin/haproxy', ['-db', '-f', 'deploy/haproxy.cfg'], {
      ...process.env,
      LISTEN_ADDRESS: `127.0.0.1:${port}`,
      ...Object.fromEntries(servers.map((server, i) => [`ROOM_SERVER_${i + 1}`, `127.0.0.1:${server.port}`])),
    });
    const url = `http://127.0.0.1:${port}`;
    if (await accepts(port, haproxy.child)) {
      const health = await fetch(`${url}/haproxy/health`);
      if (health.status !== 200) throw new Error(`haproxy has no room-server up:\n${haproxy.output()}`);
      return { haproxy, url };
    }
    await haproxy.stop();
    // Another process may have taken the free port between our check and HAProxy's bind.
    if (attempt === 3) throw new Error(`haproxy did not start:\n${haproxy.output()}`);
  }
}
