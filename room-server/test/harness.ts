import { randomBytes } from 'node:crypto';
import { DockerJudge } from '@codestream/judge';
import type { Judge, RegistrationMode, Role } from '@codestream/shared';
import { inject } from 'vitest';
import type { ClusterSettings } from '../src/cluster/RoomCluster.ts';
import { createRoomServer, type RoomServer, type RoomServerOptions } from '../src/createRoomServer.ts';
import { type Database, openDatabase } from '../src/database.ts';
import type { Logger } from '../src/log/logger.ts';
import { roomProblems } from '../src/problems/roomProblems.ts';
import type { UpdateLogSettings } from '../src/rooms/UpdateLogWriter.ts';

/** Logs only problems, so a failing test shows why. */
export const testLogger: Logger = {
  info() {},
  warn() {},
  error: (fields, message) => console.error(message, fields),
};

/** The real in-process judge (real Docker); each suite closes its own. */
export function createTestJudge(id?: string): DockerJudge {
  return new DockerJudge({ id, sweepIntervalMs: 0 });
}

/** A fresh database (own name) on the embedded server started by test/globalSetup.ts. */
export function openTestDatabase(name = `t_${randomBytes(6).toString('hex')}`): Promise<Database> {
  return openDatabase({ uri: inject('mongoUri'), dbName: name });
}

export interface TestServerOptions {
  database: Database;
  judge: Judge;
  /** 0 (the default) picks a free one; a restart test passes the port of the server it replaces. */
  port?: number;
  updateLog?: Partial<UpdateLogSettings>;
  pingIntervalMs?: number;
  maxMessageBytes?: number;
  roomDocMaxBytes?: number;
  maxBufferedBytes?: number;
  maxSocketsPerRoom?: number;
  maxSocketsPerPerson?: number;
  timeLimitMs?: number;
  registration?: RegistrationMode;
  loginLimits?: { perAccount: number; perAddress: number; windowSeconds: number };
  sessionMaxAgeMs?: number;
  cookieSecure?: boolean;
  trustProxy?: boolean;
  maxTestBytes?: number;
  maxImportBytes?: number;
  roomsPerMember?: number;
  integrationApi?: RoomServerOptions['integrationApi'];
  /** Where the server logs; default: problems only, on stderr. */
  log?: Logger;
  /** Shares rooms with other servers on this Redis (see clusterFixture.ts). */
  cluster?: ClusterSettings;
  /** Single sign-on and reset mails: the providers, SSO_ONLY, PUBLIC_URL, the mailer (SMTP_URL). */
  sso?: Partial<Pick<RoomServerOptions, 'ssoProviders' | 'ssoOnly' | 'publicUrl' | 'mailer'>>;
  /** Operations: figures, /metrics access, Redis for health, drain. */
  ops?: Partial<Pick<RoomServerOptions, 'metrics' | 'metricsAccess' | 'drainMs'>>;
}

/** One signing key for the test process, so a restarted server (or another one) accepts earlier sessions. */
export const TEST_SESSION_KEY = randomBytes(16).toString('hex');

/** The real room server on 127.0.0.1, port 0 unless given. */
export function startTestServer(options: TestServerOptions): Promise<RoomServer> {
  return createRoomServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    database: options.database,
    judge: options.judge,
    runLimits: { timeMs: options.timeLimitMs ?? 5_000, memoryMb: 128, outputBytes: 16 * 1024 },
    webDist: 'web/dist',
    updateLog: options.updateLog,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024,
    roomDocMaxBytes: options.roomDocMaxBytes ?? 2 * 1024 * 1024,
    maxBufferedBytes: options.maxBufferedBytes ?? 16 * 1024 * 1024,
    maxSocketsPerRoom: options.maxSocketsPerRoom ?? 50,
    maxSocketsPerPerson: options.maxSocketsPerPerson ?? 20,
    log: options.log ?? testLogger,
    sessionKeys: [TEST_SESSION_KEY],
    sessionMaxAgeMs: options.sessionMaxAgeMs ?? 3_600_000,
    cookieSecure: options.cookieSecure ?? false,
    allowedOrigins: [],
    registration: options.registration ?? 'open',
    loginLimits: options.loginLimits ?? { perAccount: 50, perAddress: 500, windowSeconds: 60 },
    trustProxy: options.trustProxy ?? false,
    problems: roomProblems(options.database),
    maxTestBytes: options.maxTestBytes ?? 8 * 1024 * 1024,
    maxImportBytes: options.maxImportBytes ?? 64 * 1024 * 1024,
    roomsPerMember: options.roomsPerMember ?? 20,
    integrationApi: options.integrationApi,
    cluster: options.cluster,
    ...options.sso,
    ...options.ops,
  });
}

import { createRoom, createUser, invite, join, Session } from './clients.ts';

export * from './clients.ts';

/** A new account of `role`, signed in. */
export async function signedIn(server: RoomServer, database: Database, role: Role, name?: string) {
  const user = await createUser(database, { role, name });
  const session = await new Session(server).signIn(user.email, user.password);
  return Object.assign(session, { account: user });
}

/**
 * A room owned by a host called `names[0]`, with a signed-in member for each further
 * name who joined through an invitation: the usual cast of the room tests.
 */
export async function roomWithPeople(
  server: RoomServer,
  database: Database,
  names: readonly string[],
  language = 'python',
) {
  const [ownerName, ...others] = names;
  const owner = await signedIn(server, database, 'host', ownerName);
  const roomId = await createRoom(owner, language);
  const token = await invite(owner, roomId);
  const sessions: Session[] = [owner];
  for (const name of others) {
    const member = await signedIn(server, database, 'member', name);
    const res = await join(member, roomId, token);
    if (res.status !== 200) throw new Error(`join: ${res.status} ${await res.text()}`);
    sessions.push(member);
  }
  return { roomId, sessions };
}
