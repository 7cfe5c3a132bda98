import { DockerJudge } from '@codestream/judge';
import type { Judge } from '@codestream/shared';
import { createRoomServer } from '../src/createRoomServer.ts';
import { openDatabase } from '../src/database.ts';
import { consoleLogger } from '../src/log/logger.ts';
import { roomProblems } from '../src/problems/roomProblems.ts';

// A room server alone in its process, for tests that kill it with SIGKILL: started with
// MONGODB_URI, MONGODB_DB and SESSION_KEY (so a second one accepts the first one's
// sessions), it prints `listening <url>`. No judge unless DOCKER_JUDGE=1 (JUDGE_ID labels
// its containers, RUN_TIME_MS limits its runs): most of these tests only edit. With REDIS_URL
// and SERVER_ID it shares rooms with other servers (ROOM_LEASE_MS, SERVER_HEARTBEAT_MS
// and UPDATE_LOG_BATCH_MS as in config.ts).

async function main(): Promise<void> {
  const { MONGODB_URI, MONGODB_DB, SESSION_KEY, REDIS_URL, SERVER_ID } = process.env;
  const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  if (!MONGODB_URI || !MONGODB_DB || !SESSION_KEY)
    throw new Error('MONGODB_URI, MONGODB_DB and SESSION_KEY are needed');
  const database = await openDatabase({ uri: MONGODB_URI, dbName: MONGODB_DB });
  const noJudge = (): never => {
    throw new Error('this test server runs no code');
  };
  const judge: Judge =
    process.env.DOCKER_JUDGE === '1'
      ? new DockerJudge({ id: process.env.JUDGE_ID, sweepIntervalMs: 0 })
      : { run: noJudge, submit: noJudge, close: async () => {} };
  const server = await createRoomServer({
    host: '127.0.0.1',
    port: 0,
    database,
    judge,
    runLimits: { timeMs: number('RUN_TIME_MS', 1_000), memoryMb: 128, outputBytes: 16 * 1024 },
    webDist: 'web/dist',
    updateLog: { batchMs: number('UPDATE_LOG_BATCH_MS', 100) },
    cluster:
      REDIS_URL && SERVER_ID
        ? {
            redisUrl: REDIS_URL,
            serverId: SERVER_ID,
            leaseMs: number('ROOM_LEASE_MS', 10_000),
            heartbeatMs: number('SERVER_HEARTBEAT_MS', 10_000),
          }
        : undefined,
    pingIntervalMs: 30_000,
    maxMessageBytes: 1024 * 1024,
    roomDocMaxBytes: 2 * 1024 * 1024,
    maxBufferedBytes: 16 * 1024 * 1024,
    maxSocketsPerRoom: 50,
    maxSocketsPerPerson: 20,
    log: consoleLogger,
    sessionKeys: [SESSION_KEY],
    sessionMaxAgeMs: 3_600_000,
    cookieSecure: false,
    allowedOrigins: [],
    registration: 'open',
    loginLimits: { perAccount: 50, perAddress: 500, windowSeconds: 60 },
    trustProxy: false,
    problems: roomProblems(database),
    maxTestBytes: 1024 * 1024,
    maxImportBytes: 1024 * 1024,
    roomsPerMember: 20,
  });
  console.log(`listening ${server.url}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
