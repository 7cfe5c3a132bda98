import { randomBytes } from 'node:crypto';
import { CloseCode, DocKeys, PROTOCOL_VERSION, ROOM_SOCKET_PATH, type RunEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomServer } from '../room-server/src/createRoomServer.ts';
import type { Database } from '../room-server/src/database.ts';
import { storedCode } from '../room-server/test/clusterFixture.ts';
import {
  connectClient,
  createUser,
  openTestDatabase,
  roomWithPeople,
  Session,
  waitFor,
} from '../room-server/test/harness.ts';
import { received, type TestClient } from '../room-server/test/roomServerFixture.ts';
import { type Cluster, startCluster } from './support/cluster.ts';

// The scaled deployment as processes: Redis, two room-servers (the real entry point,
// configured as docker-compose.yml configures them) sharing one database, two judge
// workers taking jobs from the queue, and HAProxy running deploy/haproxy.cfg before them.

const dbName = `t_${randomBytes(6).toString('hex')}`;
let cluster: Cluster;
let database: Database;
const clients: TestClient[] = [];

/** Short leases and heartbeats, so a dead server's rooms move within a test. */
const LEASE_MS = 2_000;

beforeAll(async () => {
  database = await openTestDatabase(dbName);
  cluster = await startCluster({
    mongoUri: inject('mongoUri'),
    dbName,
    judgeWorkers: 2,
    env: { ROOM_LEASE_MS: String(LEASE_MS), SERVER_HEARTBEAT_MS: '2000' },
  });
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await cluster?.close();
  await database?.close();
});

const balancer = () => ({ url: cluster.url }) as RoomServer;
const direct = (index: number) => ({ url: cluster.servers[index]?.url }) as RoomServer;

function connect(server: RoomServer, session: Session, roomId: string): TestClient {
  const client = connectClient(server, roomId, session.on(server));
  clients.push(client);
  return client;
}

const code = (client: TestClient) => client.doc.getText(DocKeys.code).toString();
const runEvents = (client: TestClient): RunEvent[] => received(client, 'run-event').map((m) => m.event);
const exitOf = (client: TestClient) => runEvents(client).find((e) => e.type === 'exit');
const stdoutOf = (client: TestClient) =>
  runEvents(client)
    .map((e) => (e.type === 'output' && e.stream === 'stdout' ? e.data : ''))
    .join('');

/** Replaces the room's code through `client` and waits until it is stored. */
async function setCode(client: TestClient, roomId: string, text: string): Promise<void> {
  client.doc.transact(() => {
    const shared = client.doc.getText(DocKeys.code);
    shared.delete(0, shared.length);
    shared.insert(0, text);
  });
  await waitFor(async () => (await storedCode(database, roomId)) === text, 15_000, 'the code stored');
}

describe('two room-servers and two judge workers behind HAProxy', () => {
  it('clients of one room on different servers converge and see each other’s cursors', async () => {
    const { roomId, sessions } = await roomWithPeople(balancer(), database, ['Ann', 'Bob']);
    const ann = connect(direct(0), sessions[0] as Session, roomId);
    const bob = connect(direct(1), sessions[1] as Session, roomId);
    await Promise.all([ann.synced, bob.synced]);
    ann.doc.getText(DocKeys.code).insert(0, 'from A\n');
    bob.doc.getText(DocKeys.code).insert(0, 'from B\n');
    await waitFor(() => code(ann) === code(bob) && code(ann).includes('from A') && code(ann).includes('from B'));
    // The name a client claims is replaced by the one its server knows.
    ann.provider.awareness.setLocalStateField('user', { name: 'Someone else' });
    await waitFor(
      () => bob.provider.awareness.getStates().get(ann.doc.clientID)?.user?.name === 'Ann',
      10_000,
      'Ann’s cursor on B, under her name',
    );
  });

  it('a Run pressed on server A executes on a judge worker and streams to clients on both servers', async () => {
    const { roomId, sessions } = await roomWithPeople(balancer(), database, ['Cleo', 'Dan']);
    const cleo = connect(direct(0), sessions[0] as Session, roomId);
    const dan = connect(direct(1), sessions[1] as Session, roomId);
    await Promise.all([cleo.synced, dan.synced]);
    await setCode(cleo, roomId, 'import time\nfor i in range(3):\n    print(i, flush=True)\n    time.sleep(0.3)\n');
    cleo.send({ type: 'run' });
    await waitFor(() => exitOf(cleo) !== undefined && exitOf(dan) !== undefined, 60_000, 'the run’s end on both');
    expect(stdoutOf(cleo)).toBe('0\n1\n2\n');
    expect(stdoutOf(dan)).toBe('0\n1\n2\n');
    expect(exitOf(dan)).toMatchObject({ outcome: 'exited', code: 0 });
  });

  it('Run pressed on both servers at once gives one job', async () => {
    const { roomId, sessions } = await roomWithPeople(balancer(), database, ['Eve', 'Finn']);
    const eve = connect(direct(0), sessions[0] as Session, roomId);
    const finn = connect(direct(1), sessions[1] as Session, roomId);
    await Promise.all([eve.synced, finn.synced]);
    await setCode(eve, roomId, 'import time\ntime.sleep(2)\nprint("once")\n');
    await waitFor(() => code(finn) === code(eve), 10_000, 'the code on B');
    eve.send({ type: 'run' });
    finn.send({ type: 'run' });
    await waitFor(() => exitOf(eve) !== undefined && exitOf(finn) !== undefined, 60_000, 'the run’s end on both');
    expect([...received(eve, 'refused'), ...received(finn, 'refused')]).toHaveLength(1);
    expect(received(eve, 'run-started').map((m) => m.run.id)).toEqual(
      received(finn, 'run-started').map((m) => m.run.id),
    );
    expect(stdoutOf(finn)).toBe('once\n');
    await waitFor(async () => (await database.runs.findLatest(roomId))?.exit != null, 10_000, 'the run stored');
    expect(await database.runs.listByRoom(roomId, 10)).toHaveLength(1);
  });

  it('revoking a person’s sessions on server A closes their socket on server B', async () => {
    const admin = await createUser(database, { role: 'admin' });
    const adminOnA = await new Session(direct(0)).signIn(admin.email, admin.password);
    const { roomId, sessions } = await roomWithPeople(balancer(), database, ['Gil', 'Hal']);
    const hal = sessions[1] as Session;
    const url = `${direct(1).url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`;
    const socket = new WebSocket(url, { headers: { cookie: hal.cookieHeader, origin: direct(1).url } });
    const closed = new Promise<number>((resolve) => socket.once('close', (closeCode) => resolve(closeCode)));
    await new Promise((resolve, reject) => {
      socket.once('message', resolve);
      socket.once('error', reject);
    });
    const res = await adminOnA.fetch(`/api/users/${hal.user?.id}/revoke-sessions`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await closed).toBe(CloseCode.SignedOut);
  });

  it('a judge worker killed mid-job: the room gets a clear answer, and the other worker takes the next run', async () => {
    const { roomId, sessions } = await roomWithPeople(balancer(), database, ['Ida']);
    const ida = connect(balancer(), sessions[0] as Session, roomId);
    await ida.synced;
    await setCode(ida, roomId, 'import time\nprint("going", flush=True)\ntime.sleep(30)\n');
    ida.send({ type: 'run' });
    await waitFor(() => stdoutOf(ida).includes('going'), 60_000, 'the run’s first output');
    // Both workers may hold warm-pool containers: the one running the job is the one that
    // logged it, its request id ending with the run's id.
    const runId = received(ida, 'run-started')[0]?.run.id;
    const line = new RegExp(`"requestId":"[\\w:-]+\\.${runId}".*"msg":"job started"`);
    const logged = (worker: (typeof cluster.workers)[number]) => line.test(worker.output());
    await waitFor(() => cluster.workers.some(logged), 10_000, 'a worker to log the job');
    const running = cluster.workers.find(logged);
    expect(running, 'the worker running the job').toBeDefined();
    await running?.kill();
    await waitFor(() => exitOf(ida) !== undefined, 20_000, 'the room’s answer');
    expect(exitOf(ida)).toMatchObject({ outcome: 'error', message: expect.stringMatching(/judge worker stopped/i) });
    await setCode(ida, roomId, 'print("again")\n');
    ida.send({ type: 'run' });
    await waitFor(() => stdoutOf(ida).includes('again'), 60_000, 'the next run on the other worker');
  });

  it('a room-server killed with SIGKILL: its clients reconnect through HAProxy to the other, nothing lost', async () => {
    const { roomId, sessions } = await roomWithPeople(balancer(), database, ['Jo', 'Kim']);
    const jo = connect(balancer(), sessions[0] as Session, roomId);
    const kim = connect(balancer(), sessions[1] as Session, roomId);
    await Promise.all([jo.synced, kim.synced]);
    const res = await (sessions[0] as Session).on(balancer()).fetch(`/api/rooms/${roomId}`);
    const serving = res.headers.get('x-served-by');
    const typed: string[] = [];
    for (let i = 0; i < 20; i++) {
      const line = `line ${i} by ${i % 2 ? 'Kim' : 'Jo'}\n`;
      typed.push(line);
      (i % 2 ? kim : jo).doc.getText(DocKeys.code).insert(code(i % 2 ? kim : jo).length, line);
    }
    // Accepted: both clients hold every line (the server relayed them).
    await waitFor(
      () => typed.every((line) => code(jo).includes(line) && code(kim).includes(line)),
      10_000,
      'the lines',
    );
    await cluster.server(serving).kill();
    await waitFor(() => !jo.provider.wsconnected || !kim.provider.wsconnected, 10_000, 'the sockets cut');
    await waitFor(() => jo.provider.wsconnected && kim.provider.wsconnected, 30_000, 'both reconnected');
    jo.doc.getText(DocKeys.code).insert(0, 'after the crash\n');
    await waitFor(() => code(kim).includes('after the crash'), 15_000, 'an edit after the reconnect');
    // Stored by the survivor, once it holds the room's lease (at most a lease after the crash).
    await waitFor(
      async () => {
        const stored = await storedCode(database, roomId);
        return stored !== null && [...typed, 'after the crash\n'].every((line) => stored.includes(line));
      },
      LEASE_MS * 5,
      'every line stored',
    );
  });
});
