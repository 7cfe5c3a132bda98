import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { UNSENT_NOTICE } from '../src/rooms/RoomMirror.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  startTestServer,
  waitFor,
} from './harness.ts';
import { received } from './roomServerFixture.ts';

// Redis goes away under two room-servers sharing a room: what happens on one server can
// no longer reach the other. The room's clients are told, and /api/health says Redis is down.

const judge = createTestJudge();
let redis: TestRedis;
let database: Database;
const servers: RoomServer[] = [];

beforeAll(async () => {
  redis = await startRedis();
  database = await openTestDatabase();
  for (const serverId of ['a', 'b']) {
    servers.push(
      await startTestServer({
        database,
        judge,
        cluster: { redisUrl: redis.url, serverId, leaseMs: 1_500, heartbeatMs: 1_500 },
      }),
    );
  }
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await judge.close();
  await database.close();
  await redis.stop();
});

describe('Redis goes away', () => {
  it('the room’s clients learn that the other servers may not see what just happened; health says Redis is down', async () => {
    const [a, b] = servers as [RoomServer, RoomServer];
    const { roomId, sessions } = await roomWithPeople(a, database, ['Hana', 'Bob']);
    const [hanaSession, bobSession] = sessions;
    if (!hanaSession || !bobSession) throw new Error('two people');
    const hana = connectClient(a, roomId, hanaSession);
    const bob = connectClient(b, roomId, bobSession.on(b));
    await Promise.all([hana.synced, bob.synced]);
    hana.send({ type: 'chat', text: 'before' });
    await waitFor(() => received(bob, 'chat').length === 1, 5_000, 'the chat on B');
    expect(received(hana, 'notice')).toEqual([]);

    const { port } = redis;
    await redis.stop();
    const health = async () => {
      const response = await fetch(`${a.url}/api/health`);
      return { status: response.status, body: (await response.json()) as { redis?: string } };
    };
    await waitFor(async () => (await health()).body.redis === 'down', 10_000, 'health reports Redis down');
    expect((await health()).status).toBe(503);

    hana.send({ type: 'chat', text: 'while away' });
    await waitFor(() => received(hana, 'notice').length > 0, 5_000, 'the notice on A');
    expect(received(hana, 'notice')[0]?.message).toBe(UNSENT_NOTICE);
    // The chat itself was taken (stored, and shown here).
    expect(received(hana, 'chat').map((m) => m.message.text)).toEqual(['before', 'while away']);

    redis = await startRedis(port);
    await waitFor(async () => (await health()).body.redis === 'up', 15_000, 'health reports Redis up');
    hana.close();
    bob.close();
  }, 60_000);
});
