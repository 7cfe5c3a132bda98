import type { ApiRun, RunEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { ApiRunRecord } from '../src/integrations/ApiJobRepository.ts';
import { type ApiClient, apiClient, createToken, readNdjson } from './apiClients.ts';
import { createTestJudge, signedIn, startTestServer, waitFor } from './harness.ts';
import { useRoomServer } from './roomServerFixture.ts';

// An accepted job is never lost silently: a server that stops marks its jobs in progress
// interrupted; one that dies leaves them to the next start, or to a poll once their
// heartbeat has gone quiet. Jobs are kept until they expire. A job is read, polled and
// streamed from any server on the same database, not only from the one judging it.

const HEARTBEAT_MS = 1_000;
const settings = { heartbeatMs: HEARTBEAT_MS };
const app = useRoomServer({ integrationApi: settings });
const judge = createTestJudge();
const TALKER = 'import time\nprint("first", flush=True)\ntime.sleep(1.5)\nprint("second")';

let secret: string;
let tokenId: string;
let adminId: string;
let other: RoomServer;

beforeAll(async () => {
  const admin = await signedIn(app.server, app.database, 'admin');
  const created = await createToken(admin);
  [secret, tokenId, adminId] = [created.token, created.id, admin.account.id];
  other = await startTestServer({ database: app.database, judge, integrationApi: settings });
});
/** The token's client of the suite's server as it is now (a restart changes its port). */
const api = (): ApiClient => apiClient(app.server, secret);

afterAll(async () => {
  await other?.close();
  await judge.close();
});

/** A run as a process that died while judging it left it: running, its heartbeat `ageMs` old. */
async function leftByDeadProcess(ageMs: number): Promise<string> {
  const now = Date.now();
  const record: ApiRunRecord = {
    _id: crypto.randomUUID(),
    kind: 'run',
    caller: `t:${tokenId}`,
    userId: adminId,
    status: 'running',
    language: 'python',
    createdAt: new Date(now - ageMs),
    finishedAt: null,
    heartbeatAt: new Date(now - ageMs),
    expiresAt: new Date(now + 3_600_000),
    limits: { timeMs: 5_000, memoryMb: 128, outputBytes: 16 * 1024 },
    events: [
      { type: 'started', at: now - ageMs },
      { type: 'output', stream: 'stdout', data: 'partial\n' },
    ],
    result: null,
  };
  await app.database.apiJobs.insert(record);
  return `/api/v1/runs/${record._id}`;
}

describe('a stopping server', () => {
  it('ends the streams of its jobs in progress and stores them interrupted, with their output so far', async () => {
    const accepted = await api().accepted('/api/v1/runs', { language: 'python', code: TALKER });
    const stream = await api().fetch(accepted.links.stream);
    const lines = readNdjson<RunEvent>(stream);
    await waitFor(
      async () => ((await (await api().fetch(accepted.links.self)).json()) as ApiRun).stdout === 'first\n',
      30_000,
      'first line stored',
    );
    await app.restart();

    const events = (await lines).map(({ event }) => event);
    expect(events.at(-1)).toMatchObject({ type: 'exit', outcome: 'error', message: /server stopped/ });
    const run = (await (await api().fetch(accepted.links.self)).json()) as ApiRun;
    expect(run).toMatchObject({ status: 'interrupted', stdout: 'first\n' });
    expect(run.result).toMatchObject({ outcome: 'error', message: /Send it again/ });
    expect(run.finishedAt).not.toBeNull();
  });
});

describe('a dead server', () => {
  it('leaves its jobs to the next start, which marks them interrupted before anyone asks', async () => {
    const self = await leftByDeadProcess(60_000);
    await app.restart();
    const stored = await app.database.db.collection('api_jobs').findOne({ _id: self.split('/').at(-1) as never });
    expect(stored?.status).toBe('interrupted');
    const run = (await (await api().fetch(self)).json()) as ApiRun;
    expect(run).toMatchObject({ status: 'interrupted', stdout: 'partial\n' });
  });

  it('leaves them to a poll (or a stream) once their heartbeat has been quiet for three beats', async () => {
    const self = await leftByDeadProcess(0);
    expect(((await (await api().fetch(self)).json()) as ApiRun).status).toBe('running');
    const streamed = readNdjson<RunEvent>(await api().fetch(`${self}?wait=stream`));
    const events = (await streamed).map(({ event }) => event);
    expect(events).toEqual([
      expect.objectContaining({ type: 'started' }),
      { type: 'output', stream: 'stdout', data: 'partial\n' },
      expect.objectContaining({ type: 'exit', outcome: 'error', message: expect.stringMatching(/server stopped/) }),
    ]);
    expect(((await (await api().fetch(self)).json()) as ApiRun).status).toBe('interrupted');
  });
});

describe('expiry', () => {
  it('answers 404 for a job past its time, and a start deletes it', async () => {
    const self = await leftByDeadProcess(0);
    const id = self.split('/').at(-1) as never;
    const jobs = app.database.db.collection('api_jobs');
    await jobs.updateOne({ _id: id }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
    expect((await api().fetch(self)).status).toBe(404);
    await app.restart();
    expect(await jobs.findOne({ _id: id })).toBeNull();
  });
});

describe('two servers on one database', () => {
  it('streams a job judged by the other one as it happens, and polls its result', async () => {
    const accepted = await api().accepted('/api/v1/runs', { language: 'python', code: TALKER });
    const elsewhere = apiClient(other, secret);
    const viaOther = await elsewhere.fetch(accepted.links.stream);
    expect(viaOther.status).toBe(200);
    const lines = await readNdjson<RunEvent>(viaOther);
    const output = lines.flatMap(({ at, event }) => (event.type === 'output' ? [{ at, data: event.data }] : []));
    expect(output.map((o) => o.data).join('')).toBe('first\nsecond\n');
    const exit = lines.at(-1);
    expect(exit?.event).toMatchObject({ type: 'exit', outcome: 'exited', code: 0 });
    // Read from the database as it was stored: the first line still came well before the end.
    expect((exit?.at ?? 0) - (output[0]?.at ?? 0)).toBeGreaterThanOrEqual(500);
    const polled = (await (await elsewhere.fetch(accepted.links.self)).json()) as ApiRun;
    expect(polled).toMatchObject({ status: 'finished', stdout: 'first\nsecond\n' });
  });
});
