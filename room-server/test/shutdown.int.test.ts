import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DocKeys } from '@codestream/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import { findDatabasesOf, isRunning } from '../src/db/orphanDatabases.ts';
import { connectClient, createRoom, Session, waitFor } from './harness.ts';

// room-server as `main.ts` runs it, in a child process of its own with its own embedded
// database: these tests stop and kill that database and the server itself.

const DEADLINE_MS = 2_000;
const ADMIN = { email: 'admin@example.org', password: 'a-long-password' };
let dataDir: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'codestream-shutdown-'));
});
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});
afterAll(async () => {
  for (const pid of await findDatabasesOf(dataDir)) process.kill(pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

interface MainProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startMain(): Promise<MainProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    FERRETDB_BIN: '.cache/bin/ferretdb',
    // A judge service that is never called: no Docker needed to start.
    JUDGE_URL: 'http://127.0.0.1:9',
    JUDGE_TOKEN: 'unused',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SHUTDOWN_DEADLINE_MS: String(DEADLINE_MS),
  };
  delete env.MONGODB_URI;
  // One process (no tsx wrapper in between): a signal to it reaches room-server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'room-server/src/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await waitFor(() => /running at (http\S+)/.test(text) || child.exitCode !== null, 30_000, 'room-server to start');
  const url = /running at (http\S+)/.exec(text)?.[1];
  if (!url) throw new Error(`room-server did not start:\n${text}`);
  return { child, output: () => text, url, exited };
}

async function theDatabase(): Promise<number> {
  const pids = await findDatabasesOf(dataDir);
  expect(pids).toHaveLength(1);
  return pids[0] as number;
}

describe('room-server as a process', () => {
  it('exits within the deadline when the database is stalled, saying which rooms were not stored', async () => {
    const main = await startMain();
    const server = { url: main.url } as RoomServer;
    const admin = await new Session(server).signIn(ADMIN.email, ADMIN.password);
    const roomId = await createRoom(admin);
    const client = connectClient(server, roomId, admin);
    await client.synced;

    const database = await theDatabase();
    process.kill(database, 'SIGSTOP');
    try {
      client.doc.getText(DocKeys.code).insert(0, 'print("typed while the database is stalled")\n');
      // Let the server receive the edit before it is told to stop.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signalledAt = Date.now();
      main.child.kill('SIGTERM');
      const { code } = await main.exited;
      const tookMs = Date.now() - signalledAt;
      console.info(`SIGTERM with a stalled database: exited after ${tookMs} ms (deadline ${DEADLINE_MS} ms)`);
      expect(tookMs).toBeLessThan(DEADLINE_MS + 1_500);
      expect(code).toBe(1);
      const said = main.output();
      expect(said).toContain('shutdown deadline passed before every room was stored');
      expect(said).toContain(`"roomId":"${roomId}"`);
      await waitFor(() => !isRunning(database), 2_000, 'the stalled database to be gone');
    } finally {
      client.close();
      if (isRunning(database)) process.kill(database, 'SIGCONT');
    }
  });

  it('takes its database along when killed with SIGKILL', async () => {
    const main = await startMain();
    const database = await theDatabase();
    main.child.kill('SIGKILL');
    await main.exited;
    await waitFor(() => !isRunning(database), 2_000, 'the database to die with room-server');
  });

  it('ends a database an earlier start left on its data folder, then starts its own', async () => {
    // What a room-server killed before this version (no parent-death signal) left behind.
    const orphan = spawn(
      path.resolve('.cache/bin/ferretdb'),
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dataDir}/`,
        '--listen-addr=127.0.0.1:0',
        '--telemetry=disable',
        `--state-dir=${dataDir}`,
        '--debug-addr=-',
      ],
      { stdio: 'ignore', detached: true },
    );
    orphan.unref();
    await waitFor(async () => (await findDatabasesOf(dataDir)).includes(orphan.pid as number), 5_000, 'the orphan');

    const main = await startMain();
    expect(isRunning(orphan.pid as number)).toBe(false);
    expect(main.output()).toContain('ended an embedded database an earlier start left running');
    expect(await theDatabase()).not.toBe(orphan.pid);
    // Its own database answers; the judge service of this test is never started, and health says so.
    const health = await fetch(`${main.url}/api/health`);
    expect(await health.json()).toMatchObject({ database: 'up', judge: 'down' });
    expect((await fetch(`${main.url}/api/ready`)).status).toBe(200);

    main.child.kill('SIGTERM');
    expect((await main.exited).code).toBe(0);
  });
});
