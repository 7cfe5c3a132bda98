import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MetricsListener, serveMetrics } from '@codestream/judge';
import { CloseCode, type Judge, type RunLimits, requestedRole } from '@codestream/shared';
import type Koa from 'koa';
import { accessEffects } from './accessEffects.ts';
import { hashToken } from './accounts/authRoutes.ts';
import { isAllowedOrigin } from './accounts/originCheck.ts';
import { classInfoOf } from './classes/classViews.ts';
import { createClusterBus } from './cluster/ClusterBus.ts';
import { clusterAccess } from './cluster/clusterAccess.ts';
import { clusterRoomLinks } from './cluster/clusterRoomLinks.ts';
import { clusterSummaries } from './cluster/clusterSummaries.ts';
import { type ClusterSettings, RoomCluster } from './cluster/RoomCluster.ts';
import { connectRedis } from './cluster/redisClients.ts';
import { type AppOptions, createApp } from './createApp.ts';
import type { Database } from './database.ts';
import { apiJobSlots } from './integrations/ApiJobSlots.ts';
import { type ApiJobSettings, ApiJobs, DEFAULT_API_JOB_SETTINGS } from './integrations/ApiJobs.ts';
import { DEFAULT_API_RATE_LIMIT_PER_MINUTE } from './integrations/apiRateLimit.ts';
import { type LimitStore, MEMORY_LIMITS } from './limits/LimitStore.ts';
import type { Logger } from './log/logger.ts';
import { ServerMetrics } from './metrics/ServerMetrics.ts';
import type { HostedRooms } from './rooms/DashboardConnection.ts';
import { DashboardSocketServer } from './rooms/DashboardSocketServer.ts';
import { notesLogKey } from './rooms/NotesDoc.ts';
import { NotesRegistry } from './rooms/NotesRegistry.ts';
import { RoomAccessCache } from './rooms/RoomAccessCache.ts';
import { RoomRegistry } from './rooms/RoomRegistry.ts';
import { RoomSocketServer } from './rooms/RoomSocketServer.ts';
import { RoomSummaries } from './rooms/RoomSummaries.ts';
import { accessEndsAt, givenRole, hasEnded, roomRole, wasRemoved } from './rooms/roomAccess.ts';
import { roomContent } from './rooms/roomContent.ts';
import { DEFAULT_UPDATE_LOG_SETTINGS, type UpdateLogSettings } from './rooms/UpdateLogWriter.ts';

type AuthSettings = Pick<
  AppOptions,
  | 'sessionKeys'
  | 'sessionMaxAgeMs'
  | 'cookieSecure'
  | 'allowedOrigins'
  | 'registration'
  | 'loginLimits'
  | 'ssoProviders'
  | 'ssoOnly'
  | 'publicUrl'
  | 'mailer'
  | 'trustProxy'
  | 'problems'
  | 'maxTestBytes'
  | 'maxImportBytes'
  | 'roomsPerMember'
>;

export interface RoomServerOptions extends AuthSettings {
  host: string;
  port: number;
  database: Database;
  judge: Judge;
  runLimits: RunLimits;
  webDist: string;
  /** Timings of the update log writer (UPDATE_LOG_BATCH_MS); defaults for the rest. */
  updateLog?: Partial<UpdateLogSettings>;
  pingIntervalMs: number;
  maxMessageBytes: number;
  /** Largest encoded size of a room's doc (ROOM_DOC_MAX_BYTES). */
  roomDocMaxBytes: number;
  /** Bytes queued for one socket above which it is closed (SOCKET_MAX_BUFFERED_BYTES). */
  maxBufferedBytes: number;
  /** Sockets open at once in one room (MAX_SOCKETS_PER_ROOM). */
  maxSocketsPerRoom: number;
  /** Sockets open at once for one account or guest session (MAX_SOCKETS_PER_PERSON). */
  maxSocketsPerPerson: number;
  /** The integration API's limits (API_* keys); defaults for the rest. */
  integrationApi?: Partial<ApiJobSettings & { rateLimitPerMinute: number }>;
  /** With REDIS_URL: share rooms with the other room-servers on it (unset: this server works alone). */
  cluster?: ClusterSettings;
  log: Logger;
  /** This server's figures (the in-process judge may register on its registry too); a fresh set when unset. */
  metrics?: ServerMetrics;
  /** Who may read /metrics and where (METRICS_TOKEN, METRICS_HOST, METRICS_PORT); unset: nobody. */
  metricsAccess?: { token?: string; host?: string; port?: number };
  /**
   * On close, how long /api/ready answers 503 before sockets are closed and the listener
   * stops (SHUTDOWN_DRAIN_MS), so a load balancer stops sending new people first.
   */
  drainMs?: number;
}

export interface RoomServer {
  /** http://host:port of the listening server. */
  readonly url: string;
  readonly registry: RoomRegistry;
  readonly metrics: ServerMetrics;
  /** http://host:port of the separate /metrics listener, when METRICS_PORT asked for one. */
  readonly metricsUrl: string | undefined;
  /** The Koa app: its routers say which HTTP routes the server answers (the OpenAPI test reads them). */
  readonly app: Koa;
  /** Its part among other room-servers, with REDIS_URL (null: it works alone). */
  readonly cluster: RoomCluster | null;
  /**
   * Answers /api/ready with 503 for `drainMs`, then closes sockets, stores every room and
   * stops listening. Leaves database and judge open.
   */
  close(): Promise<void>;
}

/** One HTTP server: the Koa app plus the room WebSocket upgrade. */
export async function createRoomServer(options: RoomServerOptions): Promise<RoomServer> {
  const { database, judge, log } = options;
  const metrics = options.metrics ?? new ServerMetrics();
  let draining = false;
  // One set of Redis connections for the shared rooms, the limits and the bus of everything else.
  const redis = options.cluster
    ? await connectRedis({ url: options.cluster.redisUrl, serverId: options.cluster.serverId, log })
    : null;
  // Counted where every room-server sees them: else each server would give a caller its whole limit.
  const limits: LimitStore = redis ? { kind: 'redis', redis: redis.command } : MEMORY_LIMITS;
  const { rateLimitPerMinute = DEFAULT_API_RATE_LIMIT_PER_MINUTE, ...apiJobSettings } = options.integrationApi ?? {};
  const apiJobSettingsInUse = { ...DEFAULT_API_JOB_SETTINGS, ...apiJobSettings };
  const apiJobs = new ApiJobs({
    repository: database.apiJobs,
    judge,
    settings: apiJobSettingsInUse,
    // A slot lapses when a job would be deemed interrupted: three missed heartbeats.
    slots: apiJobSlots(limits, 3 * apiJobSettingsInUse.heartbeatMs, log),
    log,
  });
  await apiJobs.open().catch(async (err) => {
    await redis?.close();
    throw err;
  });
  const cluster =
    options.cluster && redis
      ? await RoomCluster.start({
          ...options.cluster,
          redis,
          waitingAfterMs: options.updateLog?.waitingAfterMs ?? DEFAULT_UPDATE_LOG_SETTINGS.waitingAfterMs,
          log,
        })
      : null;
  if (redis) {
    for (const role of ['command', 'subscriber', 'reader'] as const) metrics.watchRedis(redis[role], role);
  }
  const bus = createClusterBus({ redis, serverId: options.cluster?.serverId, log });
  const registry = new RoomRegistry({
    database,
    judge,
    runLimits: options.runLimits,
    updateLog: options.updateLog,
    updateLogObserver: metrics.updateLog,
    docMaxBytes: options.roomDocMaxBytes,
    classInfo: async (classId) => {
      const record = await database.classes.find(classId);
      return record && classInfoOf(record);
    },
    // Ended by its timer: whoever may no longer edit (or stay) is told at once.
    onSessionDue: (roomId) => void sockets.recheckRoom(roomId),
    onRoomChange: (roomId) => summaries.changed(roomId),
    onRoomUnload: (room) => summaries.unloading(room),
    cluster,
    links: clusterRoomLinks(bus, log),
    log,
  });
  const notes = new NotesRegistry({
    database,
    updateLog: registry.updateLogWriter,
    cluster,
    maxBytes: options.roomDocMaxBytes,
    log,
  });
  const roomAccessFacts = new RoomAccessCache({ rooms: database.rooms });
  /**
   * Browsers always send Origin on WebSockets: pages of other sites riding on the session
   * cookie are refused (cross-site WebSocket hijacking).
   */
  const sameSiteRequest = (req: IncomingMessage): boolean => {
    const { origin, host } = req.headers;
    if (!origin) return true;
    return isAllowedOrigin(origin, host, 'http', options.allowedOrigins) || isAllowedOrigin(origin, host, 'https', []);
  };
  const sockets: RoomSocketServer = new RoomSocketServer({
    registry,
    notes,
    authorize: async (req, roomId) => {
      if (!sameSiteRequest(req)) return { refuse: CloseCode.Forbidden, reason: 'cross-site socket refused' };
      const [identity, room] = await Promise.all([auth.identify(req), roomAccessFacts.get(roomId)]);
      if (!room) return { refuse: CloseCode.RoomNotFound, reason: 'room not found' };
      const given = roomRole(room, identity);
      // A host may come in lower (`?as=viewer` to observe, `?as=editor` to help), never higher.
      const asked = new URL(req.url ?? '/', 'http://localhost').searchParams.get('as');
      const role = given && requestedRole(given, asked);
      if (!role && wasRemoved(room, identity)) return { refuse: CloseCode.Removed, reason: 'removed by a host' };
      if (!role && hasEnded(room) && givenRole(room, identity))
        return { refuse: CloseCode.Ended, reason: 'room ended' };
      if (!role) return { refuse: CloseCode.Forbidden, reason: 'not a participant of this room' };
      const { user, guest, sessionKey } = identity;
      const name = user?.name ?? guest?.name ?? '';
      // Guests from before guest ids are told apart by their session.
      const id = user ? `u:${user.id}` : `g:${guest?.id ?? hashToken(sessionKey ?? name).slice(0, 16)}`;
      const observer = given === 'host' && role === 'viewer';
      return {
        id,
        userId: user?.id ?? null,
        name,
        role,
        observer,
        sessionKey,
        accessEndsAt: accessEndsAt(room, identity),
      };
    },
    maxMessageBytes: options.maxMessageBytes,
    maxBufferedBytes: options.maxBufferedBytes,
    pingIntervalMs: options.pingIntervalMs,
    maxSocketsPerRoom: options.maxSocketsPerRoom,
    maxSocketsPerPerson: options.maxSocketsPerPerson,
    log,
  });
  const summaries = new RoomSummaries({
    registry,
    database,
    exchange: clusterSummaries({ bus, summaryOf: (roomId) => registry.readyRoom(roomId)?.summary() ?? null, log }),
    log,
  });
  const dashboards: DashboardSocketServer = new DashboardSocketServer({
    summaries,
    identify: async (req) => {
      if (!sameSiteRequest(req)) return { refuse: CloseCode.Forbidden, reason: 'cross-site socket refused' };
      const { user, sessionKey } = await auth.identify(req);
      if (!user) return { refuse: CloseCode.Forbidden, reason: 'sign in to watch rooms' };
      return { userId: user.id, sessionKey };
    },
    hostOf: async (req, roomIds) => {
      const identity = await auth.identify(req);
      const rooms = await Promise.all(roomIds.map((roomId) => roomAccessFacts.get(roomId)));
      const hosted: string[] = [];
      const refused: HostedRooms['refused'] = [];
      roomIds.forEach((roomId, i) => {
        const room = rooms[i];
        if (!room) refused.push({ roomId, reason: 'not-found' });
        else if (roomRole(room, identity) === 'host') hosted.push(roomId);
        else refused.push({ roomId, reason: 'not-host' });
      });
      return { hosted, refused };
    },
    pingIntervalMs: options.pingIntervalMs,
    maxPerPerson: options.maxSocketsPerPerson,
    log,
  });
  // Every access change reaches every server (nothing is sent on a single machine).
  const access = clusterAccess(
    bus,
    accessEffects({ auth: () => auth, sockets, dashboards, roomAccessFacts, registry, notes }),
    log,
  );
  const { app, auth } = createApp({
    database,
    webDist: options.webDist,
    log,
    sessionKeys: options.sessionKeys,
    sessionMaxAgeMs: options.sessionMaxAgeMs,
    cookieSecure: options.cookieSecure,
    allowedOrigins: options.allowedOrigins,
    registration: options.registration,
    loginLimits: options.loginLimits,
    ssoProviders: options.ssoProviders,
    ssoOnly: options.ssoOnly,
    publicUrl: options.publicUrl,
    mailer: options.mailer,
    trustProxy: options.trustProxy,
    problems: options.problems,
    maxTestBytes: options.maxTestBytes,
    maxImportBytes: options.maxImportBytes,
    judge,
    waitingRooms: () => registry.waitingRooms(),
    health: {
      judge: judge.checkReady?.bind(judge),
      redis: redis ? () => redis.command.ping() : undefined,
      draining: () => draining,
    },
    metrics: options.metricsAccess?.token
      ? { registry: metrics.registry, token: options.metricsAccess.token }
      : undefined,
    roomsPerMember: options.roomsPerMember,
    integrationApi: { jobs: apiJobs, runLimits: options.runLimits, rateLimitPerMinute },
    limits,
    live: {
      peopleIn: (roomId) => registry.peopleIn(roomId),
      closeDeleted: async (roomId) => {
        await access.changes.roomDeleted(roomId);
        await cluster?.unheld([roomId, notesLogKey(roomId)]);
      },
    },
    classChanged: (classInfo) => access.changes.classChanged(classInfo),
    roomText: {
      content: (roomId) => roomContent(registry, database, roomId),
      notes: (roomId) => notes.text(roomId),
    },
    access: access.changes,
    sessionWritten: (sessionKey) => access.changes.sessionWritten(sessionKey),
  });
  await access.listen();
  const server = http.createServer(app.callback());
  server.on('upgrade', (req, socket, head) => {
    // Node hands the raw socket over without an error listener: a reset here would
    // otherwise be an uncaught exception. Errors after the upgrade are the socket's own.
    socket.on('error', () => socket.destroy());
    if (RoomSocketServer.handles(req.url)) {
      sockets.handleUpgrade(req, socket, head);
    } else if (DashboardSocketServer.handles(req.url)) {
      dashboards.handleUpgrade(req, socket, head);
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  }).catch(async (err) => {
    await Promise.all([access.close(), bus.close(), cluster?.close()]);
    await redis?.close();
    throw err;
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  metrics.observe({
    roomSockets: () => sockets.openCount,
    dashboardSockets: () => dashboards.openCount,
    roomsLoaded: () => registry.loadedCount,
  });
  let metricsListener: MetricsListener | undefined;
  const { metricsAccess } = options;
  if (metricsAccess?.port !== undefined) {
    metricsListener = await serveMetrics({
      registry: metrics.registry,
      token: metricsAccess.token,
      host: metricsAccess.host ?? '127.0.0.1',
      port: metricsAccess.port,
    }).catch((err: unknown) => {
      server.close();
      throw err;
    });
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    registry,
    metrics,
    metricsUrl: metricsListener?.url,
    app,
    cluster,
    close() {
      closing ??= (async () => {
        draining = true;
        if (options.drainMs) await new Promise((resolve) => setTimeout(resolve, options.drainMs));
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([sockets.close(), dashboards.close(), apiJobs.close()]);
        summaries.close();
        // The notes store through the rooms' update log writer, which the registry closes.
        await notes.close();
        await registry.close();
        // After the rooms: each gave its storage lease up through it.
        await cluster?.close();
        await access.close();
        await bus.close();
        await redis?.close();
        server.closeAllConnections();
        await Promise.all([stopped, metricsListener?.close()]);
      })();
      return closing;
    },
  };
}
