import { sandboxConfigTable } from '@codestream/judge';
import {
  ConfigError,
  key,
  loadConfig,
  operationsConfigProblems,
  operationsConfigTable,
  optionalKey,
  parsers,
  REGISTRATION_MODES,
  type RegistrationMode,
} from '@codestream/shared';

/** Whether `url` names this machine (where plain http: cannot be intercepted on the way). */
export function isLoopbackUrl(url: string): boolean {
  return ['127.0.0.1', '[::1]', 'localhost'].includes(new URL(url).hostname);
}

/** Every setting of room-server. Read once by main.ts; tests build their own. */
export const roomServerConfigTable = {
  HOST: key('Address the HTTP server binds to.', '127.0.0.1', parsers.string),
  PORT: key('Port of the HTTP server (0 picks a free one).', 8080, parsers.integer(0, 65535)),
  MONGODB_URI: optionalKey(
    'MongoDB server to use. Unset: start the embedded MongoDB-compatible server (FerretDB) with data in DATA_DIR.',
    parsers.url(['mongodb:', 'mongodb+srv:']),
  ),
  MONGODB_DB: key('Database name.', 'codestream', parsers.string),
  DATA_DIR: key('Where the embedded database keeps its files.', './data', parsers.string),
  FERRETDB_BIN: key('Path of the FerretDB binary for the embedded database.', '.cache/bin/ferretdb', parsers.string),
  JUDGE_URL: optionalKey(
    'Standalone judge service to run code with. Unset: run code in-process with the local Docker engine.',
    parsers.url(['http:', 'https:']),
  ),
  JUDGE_TOKEN: optionalKey('Bearer token for JUDGE_URL.', parsers.string),
  // Limits of a Run; with JUDGE_URL the service clamps them to its own.
  ...sandboxConfigTable,
  PUBLIC_URL: optionalKey(
    'Address people use to reach CodeStream (e.g. https://code.example.org). Its origin may send requests; https makes the session cookie Secure.',
    parsers.url(['http:', 'https:']),
  ),
  TRUST_PROXY: key('Trust X-Forwarded-* headers (only behind a reverse proxy that sets them).', false, parsers.boolean),
  SESSION_SECRET: optionalKey(
    'Key that signs session cookies (comma-separated for rotation, first signs). Unset: one is generated and kept in the database.',
    parsers.string,
  ),
  SESSION_MAX_AGE_HOURS: key('How long a sign-in lasts without activity.', 168, parsers.integer(1, 24 * 365)),
  REGISTRATION: key(
    'Who may create an account: open (anyone), invite (with an admin invitation), closed.',
    'open' as RegistrationMode,
    parsers.oneOf(REGISTRATION_MODES),
  ),
  ADMIN_EMAIL: optionalKey(
    'At start-up, create this admin account if no admin exists (with ADMIN_PASSWORD).',
    parsers.string,
  ),
  ADMIN_PASSWORD: optionalKey(
    'Password of ADMIN_EMAIL (at least 10 characters). Only used to create it.',
    parsers.string,
  ),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: key(
    'Failed sign-ins per account before it is locked for the window.',
    5,
    parsers.integer(1, 1000),
  ),
  LOGIN_MAX_FAILURES_PER_ADDRESS: key(
    'Failed sign-ins per client address before it is locked for the window.',
    20,
    parsers.integer(1, 10_000),
  ),
  LOGIN_WINDOW_MINUTES: key('Window (and lock time) of the sign-in limits.', 15, parsers.integer(1, 24 * 60)),
  OIDC_ISSUER: optionalKey(
    'Single sign-on with OpenID Connect: the issuer URL (its /.well-known/openid-configuration is read). Its redirect URI is PUBLIC_URL followed by /api/auth/sso/oidc/callback. http: is accepted for a provider on this machine only.',
    parsers.url(['https:', 'http:']),
  ),
  OIDC_CLIENT_ID: optionalKey('With OIDC_ISSUER: the client id CodeStream has there.', parsers.string),
  OIDC_CLIENT_SECRET: optionalKey(
    'With OIDC_ISSUER: the client secret (sent only to the issuer, never logged).',
    parsers.string,
  ),
  OIDC_NAME: key(
    'With OIDC_ISSUER: the name on the sign-in button ("Sign in with …").',
    'single sign-on',
    parsers.string,
  ),
  GITHUB_CLIENT_ID: optionalKey(
    'Sign-in with GitHub (an OAuth app): its client id. Its callback URL is PUBLIC_URL followed by /api/auth/sso/github/callback. Accounts are matched by the verified primary email; new ones are made only when REGISTRATION=open.',
    parsers.string,
  ),
  GITHUB_CLIENT_SECRET: optionalKey('With GITHUB_CLIENT_ID: the client secret (never logged).', parsers.string),
  GITHUB_AUTHORIZE_URL: key(
    "With GITHUB_CLIENT_ID: GitHub's authorization page (another for GitHub Enterprise).",
    'https://github.com/login/oauth/authorize',
    parsers.url(['https:', 'http:']),
  ),
  GITHUB_TOKEN_URL: key(
    "With GITHUB_CLIENT_ID: GitHub's token endpoint.",
    'https://github.com/login/oauth/access_token',
    parsers.url(['https:', 'http:']),
  ),
  GITHUB_API_URL: key(
    "With GITHUB_CLIENT_ID: GitHub's REST API (/user and /user/emails are read).",
    'https://api.github.com',
    parsers.url(['https:', 'http:']),
  ),
  SSO_ONLY: key(
    'Sign in only through single sign-on: password sign-in and registration are refused, except that admins may still sign in with their password (break-glass, should the provider fail).',
    false,
    parsers.boolean,
  ),
  SMTP_URL: optionalKey(
    'Mail server for password-reset links (smtp://user:password@host:587, or smtps://); each link an admin makes is mailed to its account too. Unset: links are only shown to the admin. Never logged.',
    parsers.url(['smtp:', 'smtps:']),
  ),
  MAIL_FROM: key('With SMTP_URL: the sender of its mails.', 'CodeStream <codestream@localhost>', parsers.string),
  REDIS_URL: optionalKey(
    'Redis for running at scale (redis:// or rediss://): room-servers on it share rooms, and with no JUDGE_URL runs and submissions go to judge workers through a queue there. Unset: this server works alone and needs no Redis.',
    parsers.url(['redis:', 'rediss:']),
  ),
  SERVER_ID: optionalKey(
    "This room-server's name among those sharing REDIS_URL, in logs and Redis. Unset: host name, process id and a random suffix.",
    parsers.string,
  ),
  ROOM_LEASE_MS: key(
    "With REDIS_URL: how long a room's storage lease lasts without renewal (renewed every third of it). When its server dies, another stores the room within this.",
    10_000,
    parsers.integer(300, 600_000),
  ),
  SERVER_HEARTBEAT_MS: key(
    "With REDIS_URL: a room-server silent this long is gone; its people's cursors disappear from the other servers' rooms.",
    10_000,
    parsers.integer(300, 600_000),
  ),
  WEB_DIST: key('Folder of the built web app served at /.', 'web/dist', parsers.string),
  UPDATE_LOG_BATCH_MS: key(
    'Time between two batches of the room update log: with a healthy database an accepted edit is stored within about this plus one insert.',
    100,
    parsers.integer(10, 1_000),
  ),
  PING_INTERVAL_MS: key(
    'How often sockets are pinged; one missed pong drops the socket.',
    30_000,
    parsers.integer(100, 600_000),
  ),
  MAX_MESSAGE_BYTES: key(
    'Largest frame accepted on a room socket.',
    1024 * 1024,
    parsers.integer(1024, 64 * 1024 * 1024),
  ),
  // At most 8 MiB, half of MongoDB's 16 MiB document limit, whatever the storage layout.
  ROOM_DOC_MAX_BYTES: key(
    "Largest encoded size of a room's shared document (code and input), in bytes; edits past it are refused.",
    2 * 1024 * 1024,
    parsers.integer(1024, 8 * 1024 * 1024),
  ),
  SOCKET_MAX_BUFFERED_BYTES: key(
    'Bytes waiting to be sent to one room socket above which it is closed (a client that does not read).',
    16 * 1024 * 1024,
    parsers.integer(64 * 1024, 1024 * 1024 * 1024),
  ),
  MAX_SOCKETS_PER_ROOM: key(
    'Room sockets open at once in one room; one more is refused (close code RoomFull).',
    50,
    parsers.integer(1, 100_000),
  ),
  MAX_SOCKETS_PER_PERSON: key(
    'Room sockets open at once for one account (or one guest session), across rooms; one more is refused (close code TooManySockets).',
    20,
    parsers.integer(1, 100_000),
  ),
  ROOMS_PER_MEMBER: key(
    'Rooms a member (an account without the host role) may own that are not archived; one more practice room is refused until they delete or archive one.',
    20,
    parsers.integer(1, 10_000),
  ),
  SHUTDOWN_DEADLINE_MS: key(
    'On SIGTERM or SIGINT, how long the server may spend storing rooms before it exits anyway (and logs the rooms not stored).',
    5_000,
    parsers.integer(0, 600_000),
  ),
  SHUTDOWN_DRAIN_MS: key(
    'On SIGTERM or SIGINT, how long /api/ready answers 503 before sockets close, so a load balancer sends new people elsewhere first.',
    0,
    parsers.integer(0, 600_000),
  ),
  // At most 8 MiB: a test's input and output share one MongoDB document (16 MiB at most).
  MAX_TEST_BYTES: key(
    'Largest input or expected output of one test case, in bytes.',
    8 * 1024 * 1024,
    parsers.integer(1024, 8 * 1024 * 1024),
  ),
  MAX_IMPORT_BYTES: key(
    "Largest problem archive (zip) accepted by import and bulk test upload, in bytes; a problem's tests total at most 4 times this.",
    64 * 1024 * 1024,
    parsers.integer(1024, 1024 * 1024 * 1024),
  ),
  API_RATE_LIMIT_PER_MINUTE: key(
    'Requests one API token (or signed-in caller) may make to /api/v1 in a minute, polls included; more are answered 429 with Retry-After.',
    120,
    parsers.integer(1, 100_000),
  ),
  API_MAX_PENDING_JOBS: key(
    'Runs and submissions one API caller may have queued or running at once; one more is answered 429.',
    10,
    parsers.integer(1, 1_000),
  ),
  API_JOB_TTL_HOURS: key(
    'How long the runs and submissions of the integration API (and their results) are kept.',
    24,
    parsers.integer(1, 24 * 90),
  ),
  ...operationsConfigTable,
};

export type RoomServerConfig = ReturnType<typeof loadRoomServerConfig>;

export function loadRoomServerConfig(env: Record<string, string | undefined>) {
  const config = loadConfig(roomServerConfigTable, env);
  const problems = operationsConfigProblems(config);
  if (config.JUDGE_URL && !config.JUDGE_TOKEN) problems.push('JUDGE_TOKEN is required when JUDGE_URL is set');
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together');
  }
  if (config.ADMIN_PASSWORD !== undefined && config.ADMIN_PASSWORD.length < 10) {
    problems.push('ADMIN_PASSWORD must have at least 10 characters');
  }
  if (config.OIDC_ISSUER && !(config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET)) {
    problems.push('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  }
  if (config.OIDC_ISSUER?.startsWith('http:') && !isLoopbackUrl(config.OIDC_ISSUER)) {
    problems.push('OIDC_ISSUER must use https: (http: only for 127.0.0.1, ::1 or localhost)');
  }
  if (Boolean(config.GITHUB_CLIENT_ID) !== Boolean(config.GITHUB_CLIENT_SECRET)) {
    problems.push('GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET go together');
  }
  if (config.SSO_ONLY && !config.OIDC_ISSUER && !config.GITHUB_CLIENT_ID) {
    problems.push('SSO_ONLY needs OIDC_ISSUER or GITHUB_CLIENT_ID');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
