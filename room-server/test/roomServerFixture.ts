import type { ServerMessage } from '@codestream/shared';
import { afterAll, beforeAll } from 'vitest';
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

export type TestClient = ReturnType<typeof connectClient>;

/**
 * The set-up most room tests share: a fresh database, the real server on it (real
 * judge), and room clients closed after the file. Call at the top of a test file.
 */
export function useRoomServer(options: Omit<Partial<TestServerOptions>, 'database' | 'judge'> = {}) {
  const judge = createTestJudge();
  const clients: TestClient[] = [];
  let database: Database | undefined;
  let server: RoomServer | undefined;

  beforeAll(async () => {
    database = await openTestDatabase();
    server = await startTestServer({ ...options, database, judge });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.close();
    await judge.close();
    await database?.close();
  });

  const started = <T>(value: T | undefined): T => startedInBeforeAll(value, 'the room server');
  return {
    get database(): Database {
      return started(database);
    },
    get server(): RoomServer {
      return started(server);
    },
    /** Stops the server and starts a new one on the same database (a restart). */
    async restart(): Promise<RoomServer> {
      await started(server).close();
      server = await startTestServer({ ...options, database: started(database), judge });
      return server;
    },
    /** A room client of `session`, closed after the file. */
    connect(session: Session, roomId: string, params: Record<string, string> = {}): TestClient {
      const client = connectClient(started(server), roomId, session, params);
      clients.push(client);
      return client;
    },
  };
}

/** A value a fixture sets in beforeAll; read earlier, a clear error. */
export function startedInBeforeAll<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} starts in beforeAll`);
  return value;
}

/** The app messages of one type a client received so far. */
export function received<T extends ServerMessage['type']>(client: TestClient, type: T) {
  return client.messages.flatMap(({ message }) =>
    message.type === type ? [message as Extract<ServerMessage, { type: T }>] : [],
  );
}
