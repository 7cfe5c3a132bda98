import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DocKeys } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import { type Database, openDatabase } from '../src/database.ts';
import { EmbeddedMongo } from '../src/db/EmbeddedMongo.ts';
import type { Logger } from '../src/log/logger.ts';
import {
  connectClient,
  createTestJudge,
  roomWithPeople,
  type Session,
  startTestServer,
  testLogger,
  waitFor,
} from './harness.ts';

// This suite kills its database: it starts its own, never the one other suites share.
let dataDir: string;
let mongo: EmbeddedMongo;
let database: Database;
let server: RoomServer;
const judge = createTestJudge();
const logged: string[] = [];
const log: Logger = { ...testLogger, info: (_, message) => logged.push(message), error: (_, m) => logged.push(m) };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'codestream-db-restart-'));
  // Restarted after 3 s (production: 200 ms), so the outage lasts long enough to be seen.
  mongo = await EmbeddedMongo.start({ binary: '.cache/bin/ferretdb', dataDir, log, restartDelayMs: 3_000 });
  database = await openDatabase({ uri: mongo.uri, dbName: 'restart' });
  server = await startTestServer({ database, judge });
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
  await mongo.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Health {
  ok: boolean;
  database: string;
  waitingRooms: { roomId: string; unstoredUpdates: number }[];
}

async function health(): Promise<{ status: number; body: Health }> {
  const res = await fetch(`${server.url}/api/health`);
  return { status: res.status, body: (await res.json()) as Health };
}

describe('the embedded database dies while two people edit', () => {
  it('is reported down within seconds, comes back by itself, and no edit is lost', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
    const [annSession, bobSession] = sessions as [Session, Session];
    const ann = connectClient(server, roomId, annSession);
    const bob = connectClient(server, roomId, bobSession);
    await Promise.all([ann.synced, bob.synced]);
    expect(await health()).toMatchObject({ status: 200, body: { ok: true, database: 'up' } });

    const annText = ann.doc.getText(DocKeys.code);
    const bobText = bob.doc.getText(DocKeys.code);
    let typed = 0;
    const typing = setInterval(() => {
      typed += 1;
      annText.insert(annText.length, `a${typed};`);
      bobText.insert(0, `b${typed};`);
    }, 50);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const killedPid = mongo.pid;
      const killedAt = Date.now();
      process.kill(killedPid as number, 'SIGKILL');

      await waitFor(async () => (await health()).status === 503, 5_000, 'health to report the database down');
      const downAfterMs = Date.now() - killedAt;
      const down = (await health()).body;
      expect(down).toMatchObject({ ok: false, database: 'down' });
      // The edits typed meanwhile wait in memory, and health says where.
      expect(down.waitingRooms.find((room) => room.roomId === roomId)?.unstoredUpdates).toBeGreaterThan(0);

      await waitFor(async () => (await health()).status === 200, 20_000, 'the database to come back');
      const upAfterMs = Date.now() - killedAt;
      expect(mongo.pid).not.toBe(killedPid);
      // Counted (and logged) when the supervisor's own check finds it listening, which may
      // come a moment after the driver has found it.
      await waitFor(() => mongo.restarts === 1, 5_000, 'the restart to be counted');
      expect(logged).toEqual(
        expect.arrayContaining(['embedded database exited; restarting it', 'embedded database restarted']),
      );
      // The driver found the restarted server by itself: queries are answered again.
      expect((await database.rooms.find(roomId))?._id).toBe(roomId);
      console.info(
        `health said down ${downAfterMs} ms after the kill, up again after ${upAfterMs} ms (restart delay 3 s)`,
      );
    } finally {
      clearInterval(typing);
    }

    // Both saw every edit; then everyone leaves and the room unloads.
    await waitFor(() => annText.toString() === bobText.toString(), 5_000, 'the two to agree');
    const everything = annText.toString();
    for (let i = 1; i <= typed; i++) {
      expect(everything).toContain(`a${i};`);
      expect(everything).toContain(`b${i};`);
    }
    ann.close();
    bob.close();
    await waitFor(() => server.registry.loadedCount === 0, 20_000, 'the room to unload');

    const late = connectClient(server, roomId, annSession);
    await late.synced;
    expect(late.doc.getText(DocKeys.code).toString()).toBe(everything);
    late.close();
  });
});
