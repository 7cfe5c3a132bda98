import { DocKeys } from '@codestream/shared';
import { Binary } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import type { ClusterSettings } from '../src/cluster/RoomCluster.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { loadRoomDoc } from '../src/rooms/loadRoomDoc.ts';
import { NOTES_TEXT, notesLogKey } from '../src/rooms/NotesDoc.ts';
import type { UpdateLogSettings } from '../src/rooms/UpdateLogWriter.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  type Session,
  startTestServer,
  type TestServerOptions,
} from './harness.ts';
import { startedInBeforeAll } from './roomServerFixture.ts';

export type ClusterClient = ReturnType<typeof connectClient>;

export interface ClusterFixtureOptions {
  /** Servers started before the tests, named a, b, c… */
  servers: number;
  /** Short, so takeovers happen within a test. */
  leaseMs?: number;
  heartbeatMs?: number;
  updateLog?: Partial<UpdateLogSettings>;
  /** More options for every server (limits, ...). */
  server?: Omit<Partial<TestServerOptions>, 'database' | 'judge' | 'cluster' | 'updateLog'>;
}

/**
 * Several room-servers in this process sharing one database and one Redis of this file,
 * each with its own server id: what a scaled deployment runs, on loopback.
 */
export function useCluster(options: ClusterFixtureOptions) {
  const judge = createTestJudge();
  const clients: ClusterClient[] = [];
  const servers: RoomServer[] = [];
  let redis: TestRedis | undefined;
  let database: Database | undefined;

  const settings = (serverId: string): ClusterSettings => ({
    redisUrl: started(redis).url,
    serverId,
    leaseMs: options.leaseMs ?? 1_500,
    heartbeatMs: options.heartbeatMs ?? 1_500,
  });
  const start = async (serverId: string): Promise<RoomServer> => {
    const server = await startTestServer({
      ...options.server,
      database: started(database),
      judge,
      updateLog: options.updateLog,
      cluster: settings(serverId),
    });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    redis = await startRedis();
    database = await openTestDatabase();
    for (let i = 0; i < options.servers; i++) await start(String.fromCharCode(97 + i));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    for (const server of servers) await server.close();
    await judge.close();
    await database?.close();
    await redis?.stop();
  });

  return {
    get servers(): RoomServer[] {
      return servers;
    },
    get database(): Database {
      return started(database);
    },
    get redis(): TestRedis {
      return started(redis);
    },
    settings,
    /** Starts one more server (closed after the file). */
    start,
    /** A room client of `session` on `server` (the same cookies), closed after the file. */
    connect(server: RoomServer, session: Session, roomId: string, params: Record<string, string> = {}): ClusterClient {
      const client = connectClient(server, roomId, session.on(server), params);
      clients.push(client);
      return client;
    },
  };
}

const started = <T>(value: T | undefined): T => startedInBeforeAll(value, 'the cluster');

/** Two room-servers, A and B, of a cluster: for tests of what must reach every server. */
export function useTwoServers(server: ClusterFixtureOptions['server'] = {}) {
  const cluster = useCluster({ servers: 2, server });
  return {
    connect: cluster.connect,
    get database(): Database {
      return cluster.database;
    },
    get redis(): TestRedis {
      return cluster.redis;
    },
    get a(): RoomServer {
      return started(cluster.servers[0]);
    },
    get b(): RoomServer {
      return started(cluster.servers[1]);
    },
  };
}

/** The room's code as stored (its record, or its snapshot plus the log after it), as a load reads it. */
export async function storedCode(database: Database, roomId: string): Promise<string | null> {
  const record = await database.rooms.find(roomId);
  if (!record) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadRoomDoc(database, record)).state);
  const code = doc.getText(DocKeys.code).toString();
  doc.destroy();
  return code;
}

/** The room's private notes as stored (their snapshot plus the log after it), as a load reads them. */
export async function storedNotes(database: Database, roomId: string): Promise<string> {
  const empty = new Binary(Y.encodeStateAsUpdate(new Y.Doc()));
  const loaded = await loadRoomDoc(database, { _id: notesLogKey(roomId), doc: empty });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, loaded.state);
  const text = doc.getText(NOTES_TEXT).toString();
  doc.destroy();
  return text;
}
