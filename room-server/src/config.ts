import { sandboxConfigTable } from '@codestream/judge';
import { ConfigError, key, loadConfig, optionalKey, parsers } from '@codestream/shared';

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
  WEB_DIST: key('Folder of the built web app served at /.', 'web/dist', parsers.string),
  PERSIST_DEBOUNCE_MS: key('Quiet time after an edit before a room is stored.', 2_000, parsers.integer(0, 60_000)),
  PERSIST_MAX_WAIT_MS: key(
    'Longest time an edit waits to be stored while edits keep coming.',
    10_000,
    parsers.integer(0, 600_000),
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
};

export type RoomServerConfig = ReturnType<typeof loadRoomServerConfig>;

export function loadRoomServerConfig(env: Record<string, string | undefined>) {
  const config = loadConfig(roomServerConfigTable, env);
  if (config.JUDGE_URL && !config.JUDGE_TOKEN) {
    throw new ConfigError(['JUDGE_TOKEN is required when JUDGE_URL is set']);
  }
  return config;
}
