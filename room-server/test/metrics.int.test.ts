import { DockerJudge } from '@codestream/judge';
import { DocKeys } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, scrape } from '../../test/support/metricsText.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { ServerMetrics } from '../src/metrics/ServerMetrics.ts';
import {
  connectClient,
  connectDashboard,
  openTestDatabase,
  roomWithPeople,
  type Session,
  startTestServer,
  waitFor,
} from './harness.ts';

// A real server whose in-process judge (real Docker, a warm pool of one) registers on the
// server's own registry; /metrics is scraped after real typing, sockets and runs.

const TOKEN = 'metrics-token-for-tests';
let database: Database;
let server: RoomServer;
let judge: DockerJudge;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  const metrics = new ServerMetrics();
  judge = new DockerJudge({ sweepIntervalMs: 0, poolSize: 1, metrics: metrics.registry });
  server = await startTestServer({
    database,
    judge,
    ops: { metrics, metricsAccess: { token: TOKEN, host: '127.0.0.1', port: 0 } },
  });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.close();
  await judge.close();
  await database.close();
});

describe('/metrics', () => {
  it('refuses a scrape without the token, or with a wrong one, on both listeners', async () => {
    for (const base of [server.url, server.metricsUrl as string]) {
      expect((await scrape(base)).status).toBe(401);
      const wrong = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}x` } });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The separate listener answers /metrics and nothing else.
    expect((await fetch(`${server.metricsUrl}/api/health`)).status).toBe(404);
  });

  it('is not served at all by a server configured without access to it', async () => {
    const plain = await startTestServer({ database, judge });
    try {
      const response = await fetch(`${plain.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(404);
      expect(plain.metricsUrl).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('moves with sockets, rooms, typing and runs', async () => {
    const before = (await scrape(server.url, TOKEN)).text;
    expect(sample(before, 'codestream_sockets_open', { kind: 'room' })).toBe(0);
    expect(sample(before, 'codestream_rooms_loaded')).toBe(0);

    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
    const [ann, bob] = sessions.map((session) => connectClient(server, roomId, session));
    const dashboard = connectDashboard(sessions[0] as Session);
    clients.push(ann as { close(): void }, bob as { close(): void }, dashboard);
    await Promise.all([ann?.synced, bob?.synced, dashboard.opened]);
    const text = ann?.doc.getText(DocKeys.code);
    for (let i = 0; i < 5; i++) text?.insert(text.length, `print(${i})\n`);
    await waitFor(() => bob?.doc.getText(DocKeys.code).toString() === text?.toString(), 5_000, 'bob to see it');

    const runOnce = async (runs: number) => {
      ann?.send({ type: 'run' });
      // The template reads a line: an empty Input box makes the run live, so end its input.
      ann?.send({ type: 'input', data: '', eof: true });
      await waitFor(
        () =>
          (ann?.messages.filter((m) => m.message.type === 'run-event' && m.message.event.type === 'exit').length ??
            0) >= runs,
        30_000,
        `run ${runs} to end`,
      );
    };
    await runOnce(1);
    // The first run started the python pool; the second takes the container waiting there.
    await waitFor(() => judge.idleContainerIds().length === 1, 30_000, 'the pool to fill');
    await runOnce(2);

    // A job is counted once its container is removed, a moment after the room saw its exit.
    const ran = { kind: 'run', language: 'python', result: 'exited' };
    await waitFor(
      async () => {
        const { text } = await scrape(server.url, TOKEN);
        return (
          sample(text, 'codestream_judge_jobs_total', ran) === 2 &&
          (sample(text, 'codestream_update_log_write_seconds_count') ?? 0) > 0
        );
      },
      5_000,
      'both runs and an update log write to be counted',
    );
    const after = (await scrape(server.metricsUrl as string, TOKEN)).text;
    expect(sample(after, 'codestream_sockets_open', { kind: 'room' })).toBe(2);
    expect(sample(after, 'codestream_sockets_open', { kind: 'dashboard' })).toBe(1);
    expect(sample(after, 'codestream_rooms_loaded')).toBe(1);
    expect(sample(after, 'codestream_updates_accepted_total')).toBeGreaterThanOrEqual(5);
    expect(sample(after, 'codestream_update_log_write_failures_total')).toBe(0);
    expect(sample(after, 'codestream_judge_job_duration_seconds_count', ran)).toBe(2);
    expect(sample(after, 'codestream_judge_jobs_total', ran)).toBe(2);
    expect(sample(after, 'codestream_judge_queue_wait_seconds_count')).toBe(2);
    expect(sample(after, 'codestream_judge_queue_waiting')).toBe(0);
    expect(sample(after, 'codestream_judge_containers_started_total', { language: 'python', pooled: 'false' })).toBe(1);
    expect(
      sample(after, 'codestream_judge_containers_started_total', { language: 'python', pooled: 'true' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'codestream_judge_warm_pool_takes_total', { language: 'python', result: 'miss' })).toBe(1);
    expect(sample(after, 'codestream_judge_warm_pool_takes_total', { language: 'python', result: 'hit' })).toBe(1);

    for (const client of [ann, bob, dashboard]) client?.close();
    await waitFor(
      async () => sample((await scrape(server.url, TOKEN)).text, 'codestream_rooms_loaded') === 0,
      10_000,
      'the room to unload',
    );
    const left = (await scrape(server.url, TOKEN)).text;
    expect(sample(left, 'codestream_sockets_open', { kind: 'room' })).toBe(0);
    expect(sample(left, 'codestream_sockets_open', { kind: 'dashboard' })).toBe(0);
  });
});
