import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import { defaultServerId } from './RoomCluster.ts';
import type { RedisClients } from './redisClients.ts';

/** One message between servers: a type and its payload (each channel has its own union). */
export interface ClusterMessage {
  type: string;
  payload: unknown;
}

/** Stops listening; resolves once Redis confirmed it. */
export type Unsubscribe = () => Promise<void>;

/**
 * Publish/subscribe between the room-servers sharing one Redis. A server never hears its
 * own messages (it applied them already). Messages of one server arrive at every other
 * in the order it published them, on all channels: one connection publishes, one receives.
 */
export interface ClusterBus {
  /** This process among the servers. */
  readonly serverId: string;
  /** Whether other servers may hear (false on a single machine, where nothing is sent). */
  readonly shared: boolean;
  /**
   * Sends `message` to the other servers; `unsent` is called when they may not hear it
   * (now, or at all): Redis is away.
   */
  publish(channel: string, message: ClusterMessage, unsent?: () => void): void;
  /**
   * Hands every message other servers publish on `channel` to `receive`, once `schema`
   * accepts it (others are logged and dropped). Resolves once subscribed: what is published
   * after that is heard.
   */
  subscribe<T extends ClusterMessage>(
    channel: string,
    schema: z.ZodType<T>,
    receive: (message: T, from: string) => void,
  ): Promise<Unsubscribe>;
  /**
   * Calls `listener` each time this server hears the others again after its connection to
   * Redis was lost: what they published meanwhile was missed (pub/sub keeps nothing), so
   * whatever the listener keeps of it must be read again. Returns the unregistration.
   */
  onReconnected(listener: () => void): () => void;
  /** Closes the connections (what was published before is sent first). Idempotent. */
  close(): Promise<void>;
}

/** Channel names, all under one prefix so a Redis shared with other software stays tidy. */
export const channels = {
  /** Access changes, session writes, class news, deleted rooms: every server hears them. */
  access: 'codestream:access',
  /** Which rooms dashboards watch, so the servers holding them send their summaries. */
  watching: 'codestream:watching',
  /** One room's app messages between the servers that have it loaded. */
  room: (roomId: string) => `codestream:room:${roomId}`,
  /** Summaries of one room, for the servers whose dashboards watch it. */
  summaries: (roomId: string) => `codestream:summaries:${roomId}`,
};

/** A single machine: nobody else to tell. */
export function localBus(serverId = defaultServerId()): ClusterBus {
  return {
    serverId,
    shared: false,
    publish() {},
    subscribe: async () => async () => {},
    onReconnected: () => () => {},
    close: async () => {},
  };
}

/** The bus over the server's Redis connections (REDIS_URL), or the local one without them. */
export function createClusterBus(options: {
  redis: RedisClients | null;
  serverId: string | undefined;
  log: Logger;
}): ClusterBus {
  const serverId = options.serverId ?? defaultServerId();
  return options.redis ? new RedisBus(options.redis, serverId, options.log) : localBus(serverId);
}

/** Redis is trusted infrastructure, but what comes from it is still parsed, never cast. */
const envelopeSchema = z.object({ serverId: z.string(), type: z.string(), payload: z.unknown() });

interface Listener {
  schema: z.ZodType<ClusterMessage>;
  receive(message: ClusterMessage, from: string): void;
}

export class RedisBus implements ClusterBus {
  readonly shared = true;
  private readonly listeners = new Map<string, { subscribed: Promise<unknown>; all: Set<Listener> }>();
  private readonly reconnectListeners = new Set<() => void>();
  private closing?: Promise<void>;

  constructor(
    /** Also the job locks' connection (see RedisJobLocks). */
    readonly clients: RedisClients,
    readonly serverId: string,
    private readonly log: Logger,
  ) {
    const { subscriber } = clients;
    subscriber.on('message', (channel: string, text: string) => this.deliver(channel, text));
    let lost = false;
    subscriber.on('close', () => {
      lost = true;
    });
    subscriber.on('ready', () => {
      if (!lost) return;
      lost = false;
      // 'ready' comes before ioredis subscribes the channels again; a PING is answered after that.
      subscriber.ping().then(
        () => this.reconnected(),
        (err) => this.log.warn({ err }, 'Redis subscriber did not answer after reconnecting'),
      );
    });
  }

  onReconnected(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private reconnected(): void {
    if (this.closing) return;
    this.log.warn(
      { listeners: this.reconnectListeners.size },
      'heard the other servers again; reading what was missed',
    );
    for (const listener of [...this.reconnectListeners]) {
      try {
        listener();
      } catch (err) {
        this.log.error({ err }, 'catching up after a Redis reconnect failed');
      }
    }
  }

  publish(channel: string, message: ClusterMessage, unsent?: () => void): void {
    if (this.closing) return;
    const text = JSON.stringify({ serverId: this.serverId, type: message.type, payload: message.payload });
    // Redis away: the connection keeps the message until Redis is back, and the others hear it late.
    if (this.clients.command.status !== 'ready') unsent?.();
    this.clients.command.publish(channel, text).catch((err) => {
      // Only a closed connection gets here; the other servers miss this message.
      this.log.error({ err, channel, type: message.type }, 'publishing to the other servers failed');
      unsent?.();
    });
  }

  async subscribe<T extends ClusterMessage>(
    channel: string,
    schema: z.ZodType<T>,
    receive: (message: T, from: string) => void,
  ): Promise<Unsubscribe> {
    const listener = { schema, receive } as Listener;
    let entry = this.listeners.get(channel);
    if (!entry) {
      entry = { subscribed: this.clients.subscriber.subscribe(channel), all: new Set() };
      this.listeners.set(channel, entry);
    }
    entry.all.add(listener);
    await entry.subscribed;
    return async () => {
      const current = this.listeners.get(channel);
      if (!current?.all.delete(listener) || current.all.size > 0) return;
      this.listeners.delete(channel);
      if (!this.closing) await this.clients.subscriber.unsubscribe(channel);
    };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      const channels = [...this.listeners.keys()];
      this.listeners.clear();
      // The connections are the server's (shared with RoomCluster), closed by it after this.
      if (channels.length > 0) await this.clients.subscriber.unsubscribe(...channels).catch(() => undefined);
    })();
    return this.closing;
  }

  private deliver(channel: string, text: string): void {
    const listeners = this.listeners.get(channel)?.all;
    if (!listeners || listeners.size === 0) return;
    let envelope: z.infer<typeof envelopeSchema>;
    try {
      envelope = envelopeSchema.parse(JSON.parse(text));
    } catch (err) {
      this.log.warn({ err: (err as Error).message, channel }, 'malformed cluster message dropped');
      return;
    }
    if (envelope.serverId === this.serverId) return;
    for (const listener of [...listeners]) {
      const parsed = listener.schema.safeParse({ type: envelope.type, payload: envelope.payload });
      if (!parsed.success) {
        this.log.warn(
          { channel, type: envelope.type, from: envelope.serverId },
          'cluster message refused by its schema',
        );
        continue;
      }
      try {
        listener.receive(parsed.data, envelope.serverId);
      } catch (err) {
        this.log.error({ err, channel, type: envelope.type }, 'handling a cluster message failed');
      }
    }
  }
}
