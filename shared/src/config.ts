/**
 * Typed configuration tables. Each app declares its keys once (default, description,
 * parser) and reads them from an env object once, at start-up, failing with every bad
 * key listed.
 */
export interface ConfigKey<T> {
  description: string;
  /** Used when the key is unset or empty. */
  default: T;
  /** Returns the parsed value or throws an Error whose message says what is wrong. */
  parse(raw: string): T;
}

type Table = Record<string, ConfigKey<unknown>>;
export type ConfigOf<T extends Table> = { [K in keyof T]: T[K] extends ConfigKey<infer V> ? V : never };

export class ConfigError extends Error {
  readonly reason = 'invalid-config';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig<T extends Table>(table: T, env: Record<string, string | undefined>): ConfigOf<T> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(table)) {
    const raw = env[key];
    if (raw === undefined || raw === '') {
      out[key] = spec.default;
      continue;
    }
    try {
      out[key] = spec.parse(raw);
    } catch (err) {
      problems.push(`${key}=${JSON.stringify(raw)}: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as ConfigOf<T>;
}

/** Renders a table as Markdown rows (used to keep the README's configuration section honest). */
export function describeConfig(table: Table): string {
  return Object.entries(table)
    .map(
      ([key, spec]) =>
        `| \`${key}\` | ${spec.default === undefined ? '—' : `\`${String(spec.default)}\``} | ${spec.description} |`,
    )
    .join('\n');
}

export const parsers = {
  string: (raw: string): string => raw,
  integer(min: number, max: number) {
    return (raw: string): number => {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`expected an integer from ${min} to ${max}`);
      return n;
    };
  },
  boolean(raw: string): boolean {
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    throw new Error('expected true or false');
  },
  /** A bearer token: a short one can be guessed by anyone who can reach the port. */
  secret(minLength: number) {
    return (raw: string): string => {
      if (raw.length < minLength) throw new Error(`expected at least ${minLength} characters`);
      return raw;
    };
  },
  oneOf<const T extends string>(values: readonly T[]) {
    return (raw: string): T => {
      if (!values.includes(raw as T)) throw new Error(`expected one of ${values.join(', ')}`);
      return raw as T;
    };
  },
  url(protocols: string[]) {
    return (raw: string): string => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new Error('expected a URL');
      }
      if (!protocols.includes(url.protocol)) throw new Error(`expected a ${protocols.join(' or ')} URL`);
      return raw;
    };
  },
};

export function key<T>(description: string, defaultValue: T, parse: (raw: string) => T): ConfigKey<T> {
  return { description, default: defaultValue, parse };
}

/** A key without a default: unset means "not configured". */
export function optionalKey<T>(description: string, parse: (raw: string) => T): ConfigKey<T | undefined> {
  return { description, default: undefined, parse };
}
