import { afterAll, beforeAll } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  type Session,
  startTestServer,
  type TestServerOptions,
} from './harness.ts';
import { startedInBeforeAll, type TestClient } from './roomServerFixture.ts';

/**
 * Two room-servers (A and B) in this process, sharing one database and one Redis of
 * their own, as a scaled deployment runs them. Call at the top of a test file.
 */
export function useTwoServers(options: Omit<Partial<TestServerOptions>, 'database' | 'judge' | 'redisUrl'> = {}) {
  const judge = createTestJudge();
  const clients: TestClient[] = [];
  let redis: TestRedis | undefined;
  let database: Database | undefined;
  let servers: [RoomServer, RoomServer] | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    database = await openTestDatabase();
    const common = { ...options, database, judge, redisUrl: redis.url };
    servers = [
      await startTestServer({ ...common, serverId: 'server-a' }),
      await startTestServer({ ...common, serverId: 'server-b' }),
    ];
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(servers?.map((server) => server.close()) ?? []);
    await judge.close();
    await database?.close();
    await redis?.stop();
  });

  const started = <T>(value: T | undefined): T => startedInBeforeAll(value, 'the pair of room servers');
  return {
    get database(): Database {
      return started(database);
    },
    get a(): RoomServer {
      return started(servers)[0];
    },
    get b(): RoomServer {
      return started(servers)[1];
    },
    /** A room client of `session` on `server` (the same cookies), closed after the file. */
    connect(server: RoomServer, session: Session, roomId: string, params: Record<string, string> = {}): TestClient {
      const client = connectClient(server, roomId, session.on(server), params);
      clients.push(client);
      return client;
    },
  };
}
