// The two-server part of `npm run bench -- cluster`: two CodeStream servers sharing one
// database and one Redis, as the scaled deployment runs them, with every room's sockets
// split over both. Each edit reaches one watcher on its own server and one on the other,
// so "within one server" and "across servers" are measured in the same run, same load.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../../../test/support/redisServer.ts';
import { EmbeddedMongo } from '../../src/db/EmbeddedMongo.ts';
import { type ServerChild, spawnServer } from './BenchServer.ts';
import { prepareGuestRooms } from './codestreamServer.ts';
import { LoadGenerator } from './LoadGenerator.ts';
import { CLIENTS_PER_ROOM, EDITORS_PER_ROOM, EDITS_PER_SECOND, percentile } from './scenarios.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ENTRY = path.join(ROOT, 'room-server/dist/main.mjs');

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const sockets = number('BENCH_CLUSTER_SOCKETS', 1000);
const typingSeconds = number('BENCH_CLUSTER_SECONDS', 30);
const threads = number('BENCH_LOAD_THREADS', 2);
const say = (message: string) => console.error(`==> cluster: ${message}`);

const dataDir = await mkdtemp(path.join(tmpdir(), 'codestream-bench-cluster-'));
const mongo = await EmbeddedMongo.start({ binary: path.join(ROOT, '.cache/bin/ferretdb'), dataDir });
const redis = await startRedis();
const admin = { email: 'bench-admin@example.org', password: randomBytes(12).toString('hex') };
const shared = {
  ...process.env,
  HOST: '127.0.0.1',
  PORT: '0',
  MONGODB_URI: mongo.uri,
  MONGODB_DB: 'bench',
  REDIS_URL: redis.url,
  SESSION_SECRET: randomBytes(32).toString('hex'),
};
const servers: ServerChild[] = [];
const start = async (name: string, env: NodeJS.ProcessEnv) => {
  const server = await spawnServer({
    command: process.execPath,
    args: ['--enable-source-maps', ENTRY],
    cwd: ROOT,
    env: { ...shared, ...env, SERVER_ID: name },
    ready: /CodeStream is running at (\S+)/,
    timeoutMs: 60_000,
  });
  servers.push(server);
  return server.ready[1] as string;
};

try {
  // One after the other: the first creates the admin, the second finds it.
  const a = await start('bench-a', { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
  const b = await start('bench-b', {});
  const rooms = Math.ceil(sockets / CLIENTS_PER_ROOM);
  say(`setting up ${rooms} rooms`);
  // Sockets 0 and 1 type (one per server), 2 and 3 watch (one per server).
  const plans = await prepareGuestRooms(
    a,
    admin,
    { rooms, clientsPerRoom: CLIENTS_PER_ROOM, peoplePerRoom: CLIENTS_PER_ROOM },
    (socket) => (socket % 2 === 0 ? { url: a, server: 0 } : { url: b, server: 1 }),
  );
  const load = await LoadGenerator.start(threads);
  try {
    const connected = await load.connect(plans, 60_000);
    say(`${connected.synced} / ${connected.sockets} synced in ${connected.seconds.toFixed(2)} s; typing`);
    const typed = await load.type({
      editors: EDITORS_PER_ROOM,
      editsPerSecond: EDITS_PER_SECOND,
      durationMs: typingSeconds * 1000,
      graceMs: 5_000,
    });
    const split = (crossed: number) =>
      Float64Array.from(typed.latencies.filter((_, i) => typed.crossed[i] === crossed)).sort();
    const within = split(0);
    const across = split(1);
    const ms = (value: number) => value.toFixed(1);
    const row = (metric: string, w: number, x: number) =>
      `| ${metric} | ${ms(w)} | ${ms(x)} | ${(x / w).toFixed(2)}× |`;
    console.log(
      `\nTwo room-servers, one database, one Redis: ${connected.sockets} sockets in rooms of ${CLIENTS_PER_ROOM}, ` +
        `each room's sockets split over both; ${EDITORS_PER_ROOM} typing ${EDITS_PER_SECOND} edits/s each for ${typingSeconds} s.\n`,
    );
    console.log('| keystroke → peer | within one server | across servers | across / within |');
    console.log('| --- | --- | --- | --- |');
    console.log(row('p50 ms', percentile(within, 50), percentile(across, 50)));
    console.log(row('p99 ms', percentile(within, 99), percentile(across, 99)));
    console.log(
      `\nDeliveries: ${within.length} within, ${across.length} across; lost ${typed.expected - typed.latencies.length} ` +
        `of ${typed.expected}; sockets dropped after sync: ${typed.drops}.`,
    );
  } finally {
    await load.close();
  }
} finally {
  await Promise.all(servers.map((server) => server.stop(15_000)));
  await redis.stop();
  await mongo.close();
  await rm(dataDir, { recursive: true, force: true });
}
