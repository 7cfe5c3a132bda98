import { createLogger, type Logger } from '@codestream/judge';

/**
 * The one logger shape of the server (pino underneath, JSON lines on stderr): main.ts
 * makes one with LOG_LEVEL (createLogger); tests pass `silentLogger` or their own.
 * Defined beside the judge service's, which logs the same way.
 */
export { childLogger, createLogger, type Logger, silentLogger } from '@codestream/judge';

/** Info and above on stderr, for processes without a configuration (test servers, scripts). */
export const consoleLogger: Logger = createLogger({ name: 'room-server' });
