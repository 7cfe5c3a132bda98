import { type MetricsAccess, metricsRoute, requestContext } from '@codestream/judge';
import type { ClassInfo, Judge, RegistrationMode, RunLimits } from '@codestream/shared';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { AccessChanges } from './accounts/AccessChanges.ts';
import { authRoutes } from './accounts/authRoutes.ts';
import { type Auth, createAuth, SESSION_COOKIE } from './accounts/createAuth.ts';
import type { LoginLimits } from './accounts/LoginLimiter.ts';
import { LoginLimiter } from './accounts/LoginLimiter.ts';
import { originCheck } from './accounts/originCheck.ts';
import { ownAccountRoutes } from './accounts/ownAccountRoutes.ts';
import { passwordResetRoutes } from './accounts/passwordResetRoutes.ts';
import type { ResetMailer } from './accounts/ResetMailer.ts';
import type { SsoProvider } from './accounts/sso/SsoProvider.ts';
import { ssoRoutes } from './accounts/sso/ssoRoutes.ts';
import { userRoutes } from './accounts/userRoutes.ts';
import { classRoutes } from './classes/classRoutes.ts';
import type { Database } from './database.ts';
import { CONTENT_SECURITY_POLICY } from './http/contentSecurityPolicy.ts';
import { errorMiddleware } from './http/errors.ts';
import { type HealthOptions, healthRoute, type WaitingRoom } from './http/healthRoute.ts';
import { openApiRoutes } from './http/openapi/openApiRoutes.ts';
import { webApp } from './http/webApp.ts';
import type { ApiJobs } from './integrations/ApiJobs.ts';
import { isTokenRequest } from './integrations/apiCaller.ts';
import { apiTokenRoutes } from './integrations/apiTokenRoutes.ts';
import { deferApiBodies, integrationRoutes } from './integrations/integrationRoutes.ts';
import type { LimitStore } from './limits/LimitStore.ts';
import type { Logger } from './log/logger.ts';
import { deferProblemBodies, problemRoutes } from './problems/problemRoutes.ts';
import type { RoomProblems } from './problems/roomProblems.ts';
import { type ExportRoutesOptions, exportRoutes } from './rooms/exportRoutes.ts';
import type { LiveRooms } from './rooms/LiveRooms.ts';
import { notesRoutes } from './rooms/notesRoutes.ts';
import { playbackRoutes } from './rooms/playbackRoutes.ts';
import { practiceRoutes } from './rooms/practiceRoutes.ts';
import { roomAccess } from './rooms/roomAccess.ts';
import { roomListRoutes } from './rooms/roomListRoutes.ts';
import { roomRoutes } from './rooms/roomRoutes.ts';
import { roomSessionRoutes } from './rooms/roomSessionRoutes.ts';
import { submissionRoutes } from './submissions/submissionRoutes.ts';

export interface AppOptions {
  database: Database;
  webDist: string;
  log: Logger;
  sessionKeys: string[];
  sessionMaxAgeMs: number;
  cookieSecure: boolean;
  /** Origins besides the server's own that may send state-changing requests (PUBLIC_URL). */
  allowedOrigins: string[];
  registration: RegistrationMode;
  loginLimits: LoginLimits;
  /** Single sign-on providers (OIDC_ISSUER, GITHUB_CLIENT_ID); none: passwords only. */
  ssoProviders?: readonly SsoProvider[];
  /** SSO_ONLY: passwords only for admins (break-glass). */
  ssoOnly?: boolean;
  /** PUBLIC_URL, where single sign-on providers send browsers back to (and mailed links lead); unset: the request's origin. */
  publicUrl?: string;
  /** SMTP_URL: password-reset links are mailed too. */
  mailer?: ResetMailer;
  /** Honour X-Forwarded-* (only behind a reverse proxy that sets them). */
  trustProxy: boolean;
  problems: RoomProblems;
  /** Tells the room sockets when someone's access changes. */
  access: AccessChanges;
  /** A session was written or destroyed (other servers forget what they cached of it). */
  sessionWritten?(sessionKey: string): void;
  /** Tells the loaded rooms of a class its new message, timer or title. */
  classChanged(classInfo: ClassInfo): void;
  /** Largest input or expected output of one test case (MAX_TEST_BYTES). */
  maxTestBytes: number;
  /** Largest problem archive upload (MAX_IMPORT_BYTES). */
  maxImportBytes: number;
  /** Judges authors' reference solutions (the rooms reach the judge through their own jobs). */
  judge: Pick<Judge, 'submit'>;
  /** Rooms whose edits wait to be stored, reported by /api/health; unset: not reported. */
  waitingRooms?: () => WaitingRoom[];
  /** The judge, Redis and shutdown state for /api/health and /api/ready (see healthRoute). */
  health?: Pick<HealthOptions, 'judge' | 'redis' | 'draining'>;
  /** GET /metrics on this port, to holders of its token; unset: answered 404. */
  metrics?: MetricsAccess;
  /** A room's code and private notes as they are now (loaded or stored), for downloads. */
  roomText: Omit<ExportRoutesOptions, 'database'>;
  /** The rooms loaded in this process: who is in them, closing a deleted one. */
  live: LiveRooms;
  /** Rooms an account without the host role may own, archived ones not counted (ROOMS_PER_MEMBER). */
  roomsPerMember: number;
  /** The integration API's jobs, the rooms' run limits, and its rate limit (API_RATE_LIMIT_PER_MINUTE). */
  integrationApi: { jobs: ApiJobs; runLimits: RunLimits; rateLimitPerMinute: number };
  /** Where the sign-in and API rate limits are counted: this process, or Redis for every room-server. */
  limits: LimitStore;
}

/** A database that does not answer a ping within this is reported down. */
const HEALTH_PING_TIMEOUT_MS = 1_000;

export function createApp(options: AppOptions): { app: Koa; auth: Auth } {
  const { database, log } = options;
  const app = new Koa({ proxy: options.trustProxy });
  app.use(requestContext({ log, quietPaths: ['/api/health', '/api/ready', '/metrics'] }));
  app.use(async (ctx, next) => {
    // Room and invite links are capabilities: never leak them to other sites through Referer.
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    await next();
  });
  app.use(errorMiddleware(log));
  const web = webApp(options.webDist);
  app.use(web.assets);
  app.use(
    healthRoute({
      ping: () => database.db.command({ ping: 1 }, { timeoutMS: HEALTH_PING_TIMEOUT_MS }),
      pingTimeoutMs: HEALTH_PING_TIMEOUT_MS,
      waitingRooms: options.waitingRooms,
      ...options.health,
    }),
  );
  app.use(metricsRoute(options.metrics));
  app.use(originCheck(options.allowedOrigins, isTokenRequest));
  app.use(deferProblemBodies);
  app.use(deferApiBodies);
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '16kb' }));
  const auth = createAuth(app, {
    database,
    sessionKeys: options.sessionKeys,
    sessionMaxAgeMs: options.sessionMaxAgeMs,
    cookieSecure: options.cookieSecure,
    sessionWritten: options.sessionWritten,
  });
  app.use(auth.middleware);
  const limiter = new LoginLimiter(options.loginLimits, options.limits);
  const providers = options.ssoProviders ?? [];
  const ssoOnly = options.ssoOnly ?? false;
  const routers = [
    authRoutes({
      auth,
      database,
      limiter,
      registration: options.registration,
      access: options.access,
      ssoOnly,
      providers,
    }),
    ssoRoutes({ providers, users: database.users, publicUrl: options.publicUrl, log }),
    ownAccountRoutes({ auth, database, access: options.access, ssoOnly }),
    passwordResetRoutes({
      database,
      access: options.access,
      limiter,
      mailer: options.mailer,
      publicUrl: options.publicUrl,
      log,
    }),
    userRoutes({ database, access: options.access, limiter }),
    roomListRoutes({ database, problems: options.problems, access: options.access, live: options.live }),
    roomRoutes(database, options.problems, options.access),
    practiceRoutes({
      database,
      problems: options.problems,
      access: options.access,
      roomsPerMember: options.roomsPerMember,
    }),
    roomSessionRoutes(database.rooms, options.access),
    notesRoutes(database),
    classRoutes({ database, problems: options.problems, access: options.access, classChanged: options.classChanged }),
    exportRoutes({ database, ...options.roomText }),
    playbackRoutes(database),
    submissionRoutes({
      submissions: database.submissions,
      mayEnterRoom: async (roomId, state) => {
        const room = await database.rooms.findMeta(roomId);
        return room !== null && roomAccess(room, state) !== null;
      },
    }),
    problemRoutes({
      problems: database.problems,
      tests: database.tests,
      maxTestBytes: options.maxTestBytes,
      maxImportBytes: options.maxImportBytes,
      judge: options.judge,
      log,
    }),
    apiTokenRoutes({ tokens: database.apiTokens, users: database.users }),
    integrationRoutes({ ...options.integrationApi, limits: options.limits, database, log }),
    openApiRoutes({ sessionCookie: SESSION_COOKIE }),
  ];
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  for (const middleware of web.pages) app.use(middleware);
  return { app, auth };
}
