/** Minimal structured logger: one JSON line per entry on stderr. Tests pass a silent one. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

function write(level: string, fields: Record<string, unknown>, message: string): void {
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg: message };
  for (const [k, v] of Object.entries(fields)) {
    entry[k] = v instanceof Error ? { message: v.message, stack: v.stack } : v;
  }
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}

export const consoleLogger: Logger = {
  info: (fields, message) => write('info', fields, message),
  warn: (fields, message) => write('warn', fields, message),
  error: (fields, message) => write('error', fields, message),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
