/** Fields docker-modem puts on the errors it throws (HTTP status and Docker's message). */
interface DockerModemError {
  statusCode?: number;
  code?: string;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
}

function asModemError(err: unknown): DockerModemError {
  return typeof err === 'object' && err !== null ? (err as DockerModemError) : { message: String(err) };
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** True when Docker answered 404 (no such container/image). */
export function isNotFound(err: unknown): boolean {
  return asModemError(err).statusCode === 404;
}

/** True when Docker answered 409 or 304 (e.g. killing a container that is not running). */
export function isConflict(err: unknown): boolean {
  const status = asModemError(err).statusCode;
  return status === 409 || status === 304;
}

/** A sentence for people explaining why the judge could not run a program. */
export function describeDockerError(err: unknown, image: string): string {
  const e = asModemError(err);
  if (e.code && UNREACHABLE_CODES.has(e.code)) {
    return `The code runner is unavailable: Docker cannot be reached (${e.code}). Start it with scripts/ensure-docker.sh.`;
  }
  const detail = e.json?.message ?? e.reason ?? e.message ?? 'unknown error';
  if (e.statusCode === 404 && /image/i.test(detail)) {
    return `The code runner is not ready: the sandbox image ${image} is missing. Build it with sandbox/build.sh.`;
  }
  return `The code runner failed: ${detail}`;
}
