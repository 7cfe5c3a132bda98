import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Judge } from '@codestream/shared';
import { hashPassword } from '../src/accounts/passwords.ts';
import { createRoomServer } from '../src/createRoomServer.ts';
import { openDatabase } from '../src/database.ts';
import { EmbeddedMongo } from '../src/db/EmbeddedMongo.ts';
import { silentLogger } from '../src/log/logger.ts';
import { roomProblems } from '../src/problems/roomProblems.ts';
import { connectClient, createRoom, invite, join, Session } from '../test/clients.ts';

export interface LatencySamples {
  samples: number[];
}

/**
 * Run → first output byte at a room participant: the real room server (embedded
 * database, given judge), two participants over the stock y-websocket client; one
 * presses Run on `print("x")`, the time is taken when the *other* one receives the
 * first output event. Sequential runs, after `warmup` unmeasured ones.
 */
export async function measureRoomRunLatency(judge: Judge, runs: number, warmup = 3): Promise<LatencySamples> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'codestream-bench-'));
  const mongo = await EmbeddedMongo.start({ binary: '.cache/bin/ferretdb', dataDir });
  const database = await openDatabase({ uri: mongo.uri, dbName: 'bench' });
  const server = await createRoomServer({
    host: '127.0.0.1',
    port: 0,
    database,
    judge,
    runLimits: { timeMs: 5_000, memoryMb: 256, outputBytes: 65_536 },
    webDist: 'web/dist',
    pingIntervalMs: 30_000,
    maxMessageBytes: 1024 * 1024,
    roomDocMaxBytes: 2 * 1024 * 1024,
    maxBufferedBytes: 16 * 1024 * 1024,
    maxSocketsPerRoom: 50,
    maxSocketsPerPerson: 20,
    log: silentLogger,
    sessionKeys: [randomBytes(16).toString('hex')],
    sessionMaxAgeMs: 3_600_000,
    cookieSecure: false,
    allowedOrigins: [],
    registration: 'closed',
    loginLimits: { perAccount: 100, perAddress: 100, windowSeconds: 60 },
    trustProxy: false,
    problems: roomProblems(database),
    maxTestBytes: 1024 * 1024,
    maxImportBytes: 1024 * 1024,
    roomsPerMember: 20,
  });
  try {
    const password = 'bench password 1';
    const account = async (role: 'host' | 'member', email: string) => {
      await database.users.create({ email, name: role, role, passwordHash: await hashPassword(password) });
      return new Session(server).signIn(email, password);
    };
    const host = await account('host', 'host@bench.local');
    const watcher = await account('member', 'watcher@bench.local');
    const roomId = await createRoom(host);
    await join(watcher, roomId, await invite(host, roomId));
    const runner = connectClient(server, roomId, host);
    const observer = connectClient(server, roomId, watcher);
    await Promise.all([runner.synced, observer.synced]);
    const text = runner.doc.getText('code');
    runner.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, 'print("x")\n');
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const samples: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const seen = observer.messages.length;
      const started = Date.now();
      runner.send({ type: 'run' });
      // Arrival times are stamped by the observer's message handler; this loop only waits.
      let fresh = observer.messages.slice(seen);
      while (!fresh.some((m) => m.message.type === 'run-event' && m.message.event.type === 'exit')) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        fresh = observer.messages.slice(seen);
      }
      const output = fresh.find((m) => m.message.type === 'run-event' && m.message.event.type === 'output');
      if (!output) throw new Error('the run printed nothing');
      if (i >= warmup) samples.push(output.at - started);
      // Let the pool refill between runs, as between two presses of Run by a person.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    runner.close();
    observer.close();
    return { samples };
  } finally {
    await server.close();
    await database.close();
    await mongo.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
