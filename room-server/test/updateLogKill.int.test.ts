import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DocKeys } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/database.ts';
import { EmbeddedMongo } from '../src/db/EmbeddedMongo.ts';
import { connectClient, createRoom, createUser, Session, waitFor } from './harness.ts';
import { kill, ServerProcesses } from './serverProcesses.ts';

// room-server runs as a child process here, so it can be killed with SIGKILL; the
// database is this suite's own.
let dataDir: string;
let mongo: EmbeddedMongo;
let database: Database;
const processes = new ServerProcesses();
const env = { MONGODB_DB: 'kill', SESSION_KEY: randomBytes(16).toString('hex') };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'codestream-kill-'));
  mongo = await EmbeddedMongo.start({ binary: '.cache/bin/ferretdb', dataDir });
  database = await openDatabase({ uri: mongo.uri, dbName: env.MONGODB_DB });
});
afterAll(async () => {
  await processes.killAll();
  await database.close();
  await mongo.close();
  await rm(dataDir, { recursive: true, force: true });
});

const startServerProcess = () => processes.start({ ...env, MONGODB_URI: mongo.uri });

describe('room-server killed with SIGKILL', () => {
  it('keeps edits received more than one durability window before, with no client coming back', async () => {
    const first = await startServerProcess();
    const host = await createUser(database, { role: 'host', name: 'Ann' });
    const ann = await new Session(first.server).signIn(host.email, host.password);
    const roomId = await createRoom(ann);
    const editor = connectClient(first.server, roomId, ann);
    const watcher = connectClient(first.server, roomId, ann);
    await Promise.all([editor.synced, watcher.synced]);
    const text = editor.doc.getText(DocKeys.code);
    for (let i = 0; i < 30; i++) text.insert(text.length, `line ${i}\n`);
    const expected = text.toString();
    // The watcher has every edit once the server has accepted them all.
    await waitFor(() => watcher.doc.getText(DocKeys.code).toString() === expected, 5_000, 'edits at the server');
    // Several durability windows (README: p99 120–353 ms here), so a slow, shared machine does not fail it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await kill(first.child);
    // Nobody comes back to send their copy again.
    editor.close();
    watcher.close();

    const second = await startServerProcess();
    const fresh = connectClient(second.server, roomId, ann.on(second.server));
    await fresh.synced;
    expect(fresh.doc.getText(DocKeys.code).toString()).toBe(expected);
    fresh.close();
    expect(await database.roomUpdates.lastSeq(roomId)).toBeGreaterThanOrEqual(30);
  });
});
