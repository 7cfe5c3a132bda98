import { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';

/**
 * The two connections a room-server keeps to Redis: one for commands and publishing,
 * one in subscriber mode (a subscribed connection can send nothing else).
 */
export interface RedisClients {
  readonly commands: Redis;
  readonly subscriber: Redis;
  /** Sends what is queued, then closes both. Idempotent. */
  close(): Promise<void>;
}

/**
 * Connects both before resolving, so a server with an unreachable REDIS_URL fails at
 * start-up instead of serving rooms that cannot reach each other. Afterwards ioredis
 * reconnects by itself (and subscribes again); every lost connection is logged.
 */
export async function createRedisClients(options: { url: string; name: string; log: Logger }): Promise<RedisClients> {
  const { url, name, log } = options;
  const connect = async (role: string) => {
    const client = new Redis(url, {
      lazyConnect: true,
      connectionName: `${name}:${role}`,
      // Commands wait for a reconnect a few times, then fail (and are reported) rather than hang.
      maxRetriesPerRequest: 3,
    });
    client.on('error', (err) => log.warn({ err: err.message, role }, 'redis connection error'));
    await client.connect();
    return client;
  };
  const commands = await connect('commands');
  let subscriber: Redis;
  try {
    subscriber = await connect('subscriber');
  } catch (err) {
    commands.disconnect();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    commands,
    subscriber,
    close() {
      closing ??= (async () => {
        await Promise.all([commands, subscriber].map((client) => client.quit().catch(() => client.disconnect())));
      })();
      return closing;
    },
  };
}
