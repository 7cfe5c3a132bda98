import { key, optionalKey, parsers } from './config.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Logs and metrics keys, the same for room-server and the standalone judge service (each
 * spreads this table into its own). /metrics is exposed only when asked for: with
 * METRICS_TOKEN on the main port (the token required), with METRICS_PORT on a listener of
 * its own (the token required too when set); with neither, nowhere.
 */
export const operationsConfigTable = {
  LOG_LEVEL: key(
    'Least severe log lines written (JSON, one per line, on stderr): fatal, error, warn, info, debug, trace or silent.',
    'info' as LogLevel,
    parsers.oneOf(LOG_LEVELS),
  ),
  METRICS_TOKEN: optionalKey(
    'Bearer token for GET /metrics (16 characters or more): set, the main port serves /metrics to its holders. Unset: only METRICS_PORT does.',
    parsers.secret(16),
  ),
  METRICS_PORT: optionalKey(
    'Port of a listener serving only GET /metrics, on METRICS_HOST (0 picks a free one). Unset: no such listener.',
    parsers.integer(0, 65_535),
  ),
  METRICS_HOST: key(
    'Address the METRICS_PORT listener binds to; one other than loopback requires METRICS_TOKEN.',
    '127.0.0.1',
    parsers.string,
  ),
};

/** Whether an address is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** What is wrong with the keys together (each alone was checked by its parser). */
export function operationsConfigProblems(config: { METRICS_TOKEN?: string; METRICS_HOST: string }): string[] {
  if (config.METRICS_TOKEN || isLoopbackHost(config.METRICS_HOST)) return [];
  return [`METRICS_HOST=${config.METRICS_HOST} is reachable from other machines: set METRICS_TOKEN too`];
}
