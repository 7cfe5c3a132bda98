import { randomBytes } from 'node:crypto';
import { DocKeys } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import { type Database, openDatabase } from '../src/database.ts';
import { connectClient, createTestJudge, roomWithPeople, type Session, startTestServer, waitFor } from './harness.ts';

// The embedded database scans a whole collection for any query but one by _id, and the
// update log only grows: a room unloaded cleanly is loaded from its record alone.

let database: Database;
let server: RoomServer;
const judge = createTestJudge();
const finds: string[] = [];

beforeAll(async () => {
  const uri = new URL(inject('mongoUri'));
  uri.searchParams.set('monitorCommands', 'true');
  database = await openDatabase({ uri: uri.toString(), dbName: `t_${randomBytes(6).toString('hex')}` });
  database.db.client.on('commandStarted', (event) => {
    if (event.commandName === 'find') finds.push(String(event.command.find));
  });
  server = await startTestServer({ database, judge });
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

async function editAndLeave(roomId: string, session: Session, text: string) {
  const client = connectClient(server, roomId, session);
  await client.synced;
  client.doc.getText(DocKeys.code).insert(0, text);
  await waitFor(async () => (await database.roomUpdates.after(roomId, 0)).length > 0, 5_000, 'logged');
  client.close();
  await waitFor(() => server.registry.loadedCount === 0, 5_000, 'unload');
}

describe('loading a room', () => {
  it('reads neither the log nor snapshots after a clean unload, and has every edit', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann']);
    const ann = sessions[0] as Session;
    await editAndLeave(roomId, ann, 'first ');
    const record = await database.rooms.find(roomId);
    expect(record?.openSince).toBeNull();
    expect(record?.docSeq).toBe((await database.roomUpdates.after(roomId, 0)).at(-1)?.seq);

    finds.length = 0;
    const again = connectClient(server, roomId, ann);
    await again.synced;
    expect(again.doc.getText(DocKeys.code).toString()).toMatch(/^first /);
    expect(finds).not.toContain('room_updates');
    expect(finds).not.toContain('room_snapshots');
    again.doc.getText(DocKeys.code).insert(0, 'second ');
    await waitFor(
      async () => (await database.roomUpdates.after(roomId, record?.docSeq ?? 0)).length > 0,
      5_000,
      'logged',
    );
    again.close();
    await waitFor(() => server.registry.loadedCount === 0, 5_000, 'unload');
    const reloaded = connectClient(server, roomId, ann);
    await reloaded.synced;
    expect(reloaded.doc.getText(DocKeys.code).toString()).toMatch(/^second first /);
    reloaded.close();
  });

  it('reads the log when the server that had it loaded never unloaded it', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Bo']);
    const bo = sessions[0] as Session;
    await editAndLeave(roomId, bo, 'kept ');
    const stale = await database.rooms.find(roomId);
    const client = connectClient(server, roomId, bo);
    await client.synced;
    client.doc.getText(DocKeys.code).insert(0, 'logged only ');
    await waitFor(
      async () => (await database.roomUpdates.after(roomId, stale?.docSeq ?? 0)).length > 0,
      5_000,
      'logged',
    );
    client.close();
    await waitFor(() => server.registry.loadedCount === 0, 5_000, 'unload');
    // As a server that died with the room loaded leaves it: open, its doc behind the log.
    await database.rooms.markOpen([roomId]);
    await database.db
      .collection('rooms')
      .updateOne({ _id: roomId as never }, { $set: { doc: stale?.doc, docSeq: stale?.docSeq } });

    finds.length = 0;
    const after = connectClient(server, roomId, bo);
    await after.synced;
    expect(finds).toContain('room_updates');
    expect(after.doc.getText(DocKeys.code).toString()).toMatch(/^logged only kept /);
    after.close();
  });
});
