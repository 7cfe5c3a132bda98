import { ConfigError } from '@codestream/shared';
import { bootstrapAdmin } from './accounts/bootstrapAdmin.ts';
import { ResetMailer } from './accounts/ResetMailer.ts';
import { ssoProvidersFromConfig } from './accounts/sso/ssoProvidersFromConfig.ts';
import { defaultServerId } from './cluster/RoomCluster.ts';
import { loadRoomServerConfig } from './config.ts';
import { createRoomServer } from './createRoomServer.ts';
import { openDatabase } from './database.ts';
import { EmbeddedMongo } from './db/EmbeddedMongo.ts';
import { judgeFromConfig } from './judgeFromConfig.ts';
import { createLogger } from './log/logger.ts';
import { ServerMetrics } from './metrics/ServerMetrics.ts';
import { roomProblems } from './problems/roomProblems.ts';
import { seedProblems } from './problems/seedProblems.ts';

/** Process entry point: the only place that reads process.env and handles signals. */
async function main(): Promise<void> {
  const config = loadRoomServerConfig(process.env);
  const log = createLogger({ name: 'room-server', level: config.LOG_LEVEL });
  const metrics = new ServerMetrics({ processMetrics: true });
  const cleanups: (() => Promise<void>)[] = [];
  let embedded: EmbeddedMongo | null = null;
  let server: Awaited<ReturnType<typeof createRoomServer>> | null = null;
  const shutdown = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((err) => log.error({ err }, 'shutdown step failed'));
    }
  };
  try {
    let uri = config.MONGODB_URI;
    if (!uri) {
      const started = await EmbeddedMongo.start({
        binary: config.FERRETDB_BIN,
        dataDir: config.DATA_DIR,
        endOrphans: true,
        log,
      });
      embedded = started;
      cleanups.push(() => started.close());
      uri = started.uri;
      log.info({ dataDir: config.DATA_DIR }, 'embedded database started');
    }
    const database = await openDatabase({ uri, dbName: config.MONGODB_DB });
    cleanups.push(() => database.close());

    if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD && !(await database.users.hasAdmin())) {
      await bootstrapAdmin(database.users, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
      log.info({ email: config.ADMIN_EMAIL }, 'admin account created from ADMIN_EMAIL');
    }
    if (!(await database.users.hasAdmin())) {
      console.log('No admin account yet. Create one with: npm run create-admin -- --email you@example.org');
    }
    // Abandoned sessions expire in place; clear them out once per start.
    await database.sessions.deleteExpired();
    const seeded = await seedProblems(database.problems, database.tests);
    if (seeded > 0) log.info({ count: seeded }, 'problem bank seeded with classic problems');
    const sessionKeys = config.SESSION_SECRET?.split(',') ?? [await database.settings.getOrCreate('session-key')];

    const judge = await judgeFromConfig(config, log, metrics);
    cleanups.push(() => judge.close());

    server = await createRoomServer({
      host: config.HOST,
      port: config.PORT,
      database,
      judge,
      runLimits: {
        timeMs: config.JUDGE_TIME_LIMIT_MS,
        memoryMb: config.JUDGE_MEMORY_MB,
        outputBytes: config.JUDGE_OUTPUT_LIMIT_BYTES,
      },
      webDist: config.WEB_DIST,
      updateLog: { batchMs: config.UPDATE_LOG_BATCH_MS },
      pingIntervalMs: config.PING_INTERVAL_MS,
      maxMessageBytes: config.MAX_MESSAGE_BYTES,
      roomDocMaxBytes: config.ROOM_DOC_MAX_BYTES,
      maxBufferedBytes: config.SOCKET_MAX_BUFFERED_BYTES,
      maxSocketsPerRoom: config.MAX_SOCKETS_PER_ROOM,
      maxSocketsPerPerson: config.MAX_SOCKETS_PER_PERSON,
      cluster: config.REDIS_URL
        ? {
            redisUrl: config.REDIS_URL,
            serverId: config.SERVER_ID ?? defaultServerId(),
            leaseMs: config.ROOM_LEASE_MS,
            heartbeatMs: config.SERVER_HEARTBEAT_MS,
          }
        : undefined,
      log,
      metrics,
      metricsAccess: { token: config.METRICS_TOKEN, host: config.METRICS_HOST, port: config.METRICS_PORT },
      drainMs: config.SHUTDOWN_DRAIN_MS,
      sessionKeys,
      sessionMaxAgeMs: config.SESSION_MAX_AGE_HOURS * 3_600_000,
      cookieSecure: config.PUBLIC_URL?.startsWith('https:') ?? false,
      allowedOrigins: config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : [],
      registration: config.REGISTRATION,
      ssoProviders: ssoProvidersFromConfig(config),
      ssoOnly: config.SSO_ONLY,
      publicUrl: config.PUBLIC_URL,
      mailer: config.SMTP_URL ? new ResetMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }) : undefined,
      loginLimits: {
        perAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        perAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
        windowSeconds: config.LOGIN_WINDOW_MINUTES * 60,
      },
      trustProxy: config.TRUST_PROXY,
      problems: roomProblems(database),
      maxTestBytes: config.MAX_TEST_BYTES,
      maxImportBytes: config.MAX_IMPORT_BYTES,
      roomsPerMember: config.ROOMS_PER_MEMBER,
      integrationApi: {
        rateLimitPerMinute: config.API_RATE_LIMIT_PER_MINUTE,
        maxPendingJobs: config.API_MAX_PENDING_JOBS,
        ttlMs: config.API_JOB_TTL_HOURS * 3_600_000,
      },
    });
    const started = server;
    cleanups.push(() => started.close());
    if (server.metricsUrl) log.info({ url: `${server.metricsUrl}/metrics` }, 'metrics listening');
    console.log(`CodeStream is running at ${server.url} (Ctrl-C to stop)`);
  } catch (err) {
    await shutdown();
    throw err;
  }

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping CodeStream…`);
    // Storing waits on the database, which may be stalled: past the deadline (counted after
    // the drain), say what is lost and exit anyway (the embedded database dies with us, see
    // EmbeddedMongo).
    setTimeout(() => {
      log.error(
        { deadlineMs: config.SHUTDOWN_DEADLINE_MS, rooms: server?.registry.waitingRooms() ?? [] },
        'shutdown deadline passed before every room was stored; exiting with those edits unstored',
      );
      embedded?.kill();
      process.exit(1);
    }, config.SHUTDOWN_DRAIN_MS + config.SHUTDOWN_DEADLINE_MS).unref();
    void shutdown().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
