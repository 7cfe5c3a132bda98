import type { Logger } from '../log/logger.ts';
import { type RoomLink, type RoomLinks, type RoomRelayMessage, roomRelayMessageSchema } from '../rooms/RoomRelay.ts';
import { type ClusterBus, channels, RedisBus } from './ClusterBus.ts';
import { RedisJobLocks } from './RedisJobLocks.ts';

/**
 * Loaded rooms' links to their copies on the other servers: one Redis channel per room,
 * subscribed while the room is loaded here, and the room's job slot in Redis. A link says
 * hello when attached and again after a lost connection to Redis (the others answer with
 * the jobs they run). None on a single machine.
 */
export function clusterRoomLinks(bus: ClusterBus, log: Logger): RoomLinks | undefined {
  if (!(bus instanceof RedisBus)) return undefined;
  const locks = new RedisJobLocks({ redis: bus.clients.command, serverId: bus.serverId, log });
  return {
    async open(roomId: string): Promise<RoomLink> {
      const channel = channels.room(roomId);
      const held: RoomRelayMessage[] = [];
      let receive: ((message: RoomRelayMessage) => void) | null = null;
      let unsent: (() => void) | null = null;
      let stopGreeting: (() => void) | undefined;
      const greet = () => bus.publish(channel, { type: 'hello', payload: {} });
      const unsubscribe = await bus.subscribe(channel, roomRelayMessageSchema, (message) => {
        if (receive) receive(message);
        else held.push(message);
      });
      return {
        publish: (message) => bus.publish(channel, message, () => unsent?.()),
        jobLock: locks.forRoom(roomId),
        attach(to, whenUnsent) {
          receive = to;
          unsent = whenUnsent;
          for (const message of held.splice(0)) to(message);
          greet();
          // Job states published while this server was cut off are asked for again.
          stopGreeting = bus.onReconnected(greet);
        },
        async close() {
          stopGreeting?.();
          receive = null;
          unsent = null;
          held.length = 0;
          await unsubscribe();
        },
      };
    },
  };
}
