import { type ApiRun, apiJobAcceptedSchema, apiRunSchema, type RunEvent } from '@codestream/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, createToken, readNdjson } from './apiClients.ts';
import { signedIn } from './harness.ts';
import type { ErrorBody } from './problemFixtures.ts';
import { useRoomServer } from './roomServerFixture.ts';

// Runs through the integration API: the program runs once on the given stdin in the
// judge rooms use, with the rooms' limits (lower ones if asked), its events streamed as
// NDJSON as they happen, or the result polled or waited for.

const app = useRoomServer();
/** The test server's run limits (harness.ts), the most a run may have. */
const SERVER_LIMITS = { timeMs: 5_000, memoryMb: 128, outputBytes: 16 * 1024 };
const GREETER = [
  'import sys, time',
  'name = input()',
  "print('hello', name, flush=True)",
  'time.sleep(1.5)',
  "print('bye', file=sys.stderr)",
].join('\n');

let api: ApiClient;

beforeAll(async () => {
  const admin = await signedIn(app.server, app.database, 'admin');
  api = apiClient(app.server, (await createToken(admin)).token);
});

const types = (events: { event: RunEvent }[]) => events.map(({ event }) => event.type);

describe('POST /api/v1/runs', () => {
  it('streams the events as NDJSON as they happen: output before the exit, the exit last', async () => {
    const res = await api.post('/api/v1/runs?wait=stream', { language: 'python', code: GREETER, stdin: 'Ada\n' });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/v1\/runs\/[0-9a-f-]{36}$/);
    const lines = await readNdjson<RunEvent>(res);

    const seen = types(lines).filter((type) => type !== 'queued');
    expect(seen[0]).toBe('started');
    expect(seen.at(-1)).toBe('exit');
    expect(new Set(seen.slice(1, -1))).toEqual(new Set(['output']));
    const outputOf = (stream: string) =>
      lines.map(({ event }) => (event.type === 'output' && event.stream === stream ? event.data : '')).join('');
    expect(outputOf('stdout')).toBe('hello Ada\n');
    expect(outputOf('stderr')).toBe('bye\n');
    const hello = lines.find(({ event }) => event.type === 'output' && event.stream === 'stdout');
    const exit = lines.at(-1);
    expect(exit?.event).toMatchObject({ type: 'exit', outcome: 'exited', code: 0 });
    // The program slept 1.5 s between its two lines: streamed, the first came that much before the end.
    expect((exit?.at ?? 0) - (hello?.at ?? 0)).toBeGreaterThanOrEqual(1_000);

    const polled = (await (await api.fetch(location)).json()) as ApiRun;
    expect(polled).toMatchObject({ status: 'finished', stdout: 'hello Ada\n', stderr: 'bye\n', limits: SERVER_LIMITS });
    expect(polled.result).toEqual(exit?.event);

    // A finished run streams again from its first event; Accept asks for the stream too.
    const again = await api.fetch(location, { headers: { accept: 'application/x-ndjson' } });
    expect(again.status).toBe(200);
    const replayed = await readNdjson<RunEvent>(again);
    expect(replayed.map(({ event }) => event)).toEqual(polled.events);
  });

  it('answers 202 at once, and the polled run ends finished with its output', async () => {
    const accepted = await api.accepted('/api/v1/runs', {
      language: 'python',
      code: 'print(sum(map(int, input().split())))',
      stdin: '20 22\n',
    });
    expect(accepted).toMatchObject({ kind: 'run', status: 'queued' });
    expect(accepted.links).toEqual({
      self: `/api/v1/runs/${accepted.id}`,
      stream: `/api/v1/runs/${accepted.id}?wait=stream`,
    });
    expect(apiJobAcceptedSchema.safeParse(accepted).success).toBe(true);
    const run = await api.settled<ApiRun>(accepted.links.self);
    // What the API documents in shared/ is what it answers.
    expect(apiRunSchema.safeParse(run).error).toBeUndefined();
    expect(run).toMatchObject({ id: accepted.id, status: 'finished', stdout: '42\n', stderr: '' });
    expect(run.result).toMatchObject({ type: 'exit', outcome: 'exited', code: 0 });
    expect(run.events.at(-1)).toEqual(run.result);
    const keptMs = Date.parse(run.expiresAt) - Date.parse(run.createdAt);
    expect(keptMs).toBe(24 * 3_600_000);
  });

  it('?wait=true answers 201 with the finished run', async () => {
    const res = await api.post('/api/v1/runs?wait=true', { language: 'javascript', code: 'console.log(2 ** 10)' });
    expect(res.status).toBe(201);
    const run = (await res.json()) as ApiRun;
    expect(run).toMatchObject({ status: 'finished', stdout: '1024\n' });
    expect((await api.fetch(`${run.links.self}?wait=true`)).status).toBe(200);
  });

  it('cuts asked limits to the server’s, and applies lower ones', async () => {
    const huge = { timeMs: 10_000_000, memoryMb: 1_000_000, outputBytes: 1_000_000_000 };
    const generous = await api.post('/api/v1/runs?wait=true', { language: 'python', code: 'print(1)', limits: huge });
    expect(((await generous.json()) as ApiRun).limits).toEqual(SERVER_LIMITS);

    const slow = await api.post('/api/v1/runs?wait=true', {
      language: 'python',
      code: 'import time\ntime.sleep(3)\nprint("late")',
      limits: { timeMs: 500 },
    });
    const timedOut = (await slow.json()) as ApiRun;
    expect(timedOut.limits).toEqual({ ...SERVER_LIMITS, timeMs: 500 });
    expect(timedOut.result).toMatchObject({ outcome: 'timeout' });
    expect(timedOut.stdout).toBe('');

    const chatty = await api.post('/api/v1/runs?wait=true', {
      language: 'python',
      code: 'print("x" * 100)',
      limits: { outputBytes: 10 },
    });
    const cut = (await chatty.json()) as ApiRun;
    expect(cut.stdout.length).toBeLessThanOrEqual(10);
    expect(cut.events.some((e) => e.type === 'truncated')).toBe(true);
  });
});

describe('bad requests', () => {
  const valid = { language: 'python', code: 'print(1)' };

  it('are answered 400 naming the field, and make no job', async () => {
    const before = await app.database.db.collection('api_jobs').countDocuments();
    const cases: [unknown, string][] = [
      [{ ...valid, language: 'cobol' }, 'language'],
      [{ language: 'python' }, 'code'],
      [{ ...valid, stdin: 42 }, 'stdin'],
      [{ ...valid, limits: { timeMs: -1 } }, 'limits.timeMs'],
      [{ ...valid, limits: { timeMs: 1.5 } }, 'limits.timeMs'],
      [{ ...valid, code: 'x'.repeat(256 * 1024 + 1) }, 'code'],
      [{ ...valid, extra: true }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await api.post('/api/v1/runs', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.details?.map((d) => d.path)).toContain(path);
    }
    const badWait = await api.post('/api/v1/runs?wait=soon', valid);
    expect(badWait.status).toBe(400);
    const notJson = await api.fetch('/api/v1/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"language":',
    });
    expect(notJson.status).toBe(400);
    const notDeclared = await api.fetch('/api/v1/runs', { method: 'POST', body: JSON.stringify(valid) });
    expect(notDeclared.status).toBe(415);
    expect(await app.database.db.collection('api_jobs').countDocuments()).toBe(before);
  });

  it('a body over the limit is refused with 413 before it is read', async () => {
    const res = await api.post('/api/v1/runs', { ...valid, stdin: 'y'.repeat(5 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('an unknown run is 404', async () => {
    expect((await api.fetch('/api/v1/runs/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});
