import type { LogLevel } from '@codestream/shared';
import pino from 'pino';
import type { JudgeLogger } from './SandboxRun.ts';

/**
 * The structured logger of room-server and the judge service: one JSON object per line.
 * `fields` go into the line (an `err` field is serialised with its message and stack);
 * tests pass a silent one or one that keeps its lines.
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  /** A logger whose every line carries `bindings` as well (pino's own child, when there is one). */
  child?(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** Names the process in every line (`name`): room-server, judge. */
  name: string;
  level?: LogLevel;
  /** Where the lines go; defaults to stderr, written synchronously so an exit loses none. */
  destination?: pino.DestinationStream;
}

/** A pino logger: ISO times and level names, so the lines read without pino's tools. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** `log` with `bindings` on every line, whatever kind of logger it is. */
export function childLogger(log: Logger, bindings: Record<string, unknown>): Logger {
  if (log.child) return log.child(bindings);
  return {
    info: (fields, message) => log.info({ ...bindings, ...fields }, message),
    warn: (fields, message) => log.warn({ ...bindings, ...fields }, message),
    error: (fields, message) => log.error({ ...bindings, ...fields }, message),
    child: (more) => childLogger(log, { ...bindings, ...more }),
  };
}

/** The judge's warnings (containers, pool, sweeps) as lines of `log`. */
export function judgeLogger(log: Logger): JudgeLogger {
  return { warn: (message, err) => log.warn(err === undefined ? {} : { err }, message) };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
