import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Judge, Role } from '@codestream/shared';
import { createRoomServer, type RoomServer } from '../src/createRoomServer.ts';
import { type Database, openDatabase } from '../src/database.ts';
import { EmbeddedMongo } from '../src/db/EmbeddedMongo.ts';
import { silentLogger } from '../src/log/logger.ts';
import { roomProblems } from '../src/problems/roomProblems.ts';
import { createUser, Session } from '../test/clients.ts';

export interface BenchRoomServer {
  server: RoomServer;
  database: Database;
  /** A new account of `role`, signed in. */
  signedIn(role: Role): Promise<Session>;
  close(): Promise<void>;
}

/**
 * The real room server in this process, on port 0, with a fresh embedded database in a
 * temporary folder and the given judge: what the in-process benches drive.
 */
export async function startBenchRoomServer(judge: Judge): Promise<BenchRoomServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'codestream-bench-'));
  const mongo = await EmbeddedMongo.start({ binary: '.cache/bin/ferretdb', dataDir });
  const database = await openDatabase({ uri: mongo.uri, dbName: 'bench' });
  const server = await createRoomServer({
    host: '127.0.0.1',
    port: 0,
    database,
    judge,
    runLimits: { timeMs: 5_000, memoryMb: 256, outputBytes: 65_536 },
    webDist: 'web/dist',
    pingIntervalMs: 30_000,
    maxMessageBytes: 1024 * 1024,
    roomDocMaxBytes: 2 * 1024 * 1024,
    maxBufferedBytes: 16 * 1024 * 1024,
    maxSocketsPerRoom: 50,
    maxSocketsPerPerson: 20,
    log: silentLogger,
    sessionKeys: [randomBytes(16).toString('hex')],
    sessionMaxAgeMs: 3_600_000,
    cookieSecure: false,
    allowedOrigins: [],
    registration: 'closed',
    loginLimits: { perAccount: 100, perAddress: 100, windowSeconds: 60 },
    trustProxy: false,
    problems: roomProblems(database),
    maxTestBytes: 1024 * 1024,
    maxImportBytes: 1024 * 1024,
    roomsPerMember: 20,
  });
  return {
    server,
    database,
    async signedIn(role) {
      const user = await createUser(database, { role });
      return new Session(server).signIn(user.email, user.password);
    },
    async close() {
      await server.close();
      await database.close();
      await mongo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
