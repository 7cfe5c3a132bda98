import { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';

/**
 * The Redis connections of one room-server (with REDIS_URL): `command` for ordinary
 * commands (lease scripts, stream appends, publishes), `subscriber` for pub/sub (a
 * subscribed connection takes no other command), `reader` for the blocking XREAD of the
 * room streams (a blocked connection answers nothing else). Each reconnects by itself
 * (ioredis retries with backoff); commands issued while it is down wait in its queue.
 */
export interface RedisClients {
  readonly command: Redis;
  readonly subscriber: Redis;
  readonly reader: Redis;
  /** Closes the connections (QUIT after what was sent is answered). Idempotent. */
  close(): Promise<void>;
}

export interface RedisClientsOptions {
  url: string;
  /** Names the connections in CLIENT LIST, so an operator sees which server holds which. */
  serverId: string;
  log: Logger;
}

export async function connectRedis(options: RedisClientsOptions): Promise<RedisClients> {
  const open = (role: string) => {
    const client = new Redis(options.url, {
      connectionName: `codestream:${options.serverId}:${role}`,
      lazyConnect: true,
      // A blocked XREAD must not be cut by a command timeout; reconnects are unlimited.
      maxRetriesPerRequest: null,
    });
    // ioredis emits every failed (re)connect as an error; without a listener Node would throw.
    let down = false;
    client.on('error', (err) => {
      if (down) return;
      down = true;
      options.log.warn({ err, role }, 'Redis connection lost; reconnecting');
    });
    client.on('ready', () => {
      if (down) options.log.info({ role }, 'Redis connection back');
      down = false;
    });
    return client;
  };
  const command = open('command');
  const subscriber = open('subscriber');
  const reader = open('reader');
  const all = [command, subscriber, reader];
  try {
    await Promise.all(all.map((client) => client.connect()));
  } catch (err) {
    for (const client of all) client.disconnect();
    throw new Error(`Redis at REDIS_URL did not answer: ${(err as Error).message}`);
  }
  let closing: Promise<void> | undefined;
  return {
    command,
    subscriber,
    reader,
    close() {
      closing ??= Promise.all(all.map((client) => client.quit().catch(() => client.disconnect()))).then(() => {});
      return closing;
    },
  };
}
