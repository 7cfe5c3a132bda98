import type { RunEvent } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerJudge, type DockerJudge } from '../src/DockerJudge.ts';
import { createJudgeService, type JudgeService } from '../src/JudgeService.ts';
import { RemoteJudge } from '../src/RemoteJudge.ts';
import { collect, exitOf, python, sandboxContainers, TEST_TOKEN, waitFor } from './harness.ts';

describe('judge service HTTP API', () => {
  let docker: DockerJudge;
  let service: JudgeService;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${service.url}/runs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    docker = await createDockerJudge({ sweepIntervalMs: 0 });
    service = await createJudgeService({ judge: docker, token: TEST_TOKEN, port: 0 });
  });
  afterAll(async () => {
    await service.close();
    await docker.close();
  });

  it('answers /health', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it.each([
    ['no', {}],
    ['a wrong', { Authorization: `Bearer ${TEST_TOKEN}x` }],
    ['a non-bearer', { Authorization: `Basic ${TEST_TOKEN}` }],
  ])('refuses %s token with 401', async (_name, headers) => {
    const response = await post(python('print(1)'), { Authorization: '', ...headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await sandboxContainers(docker)).toEqual([]);
  });

  it('takes live input only with the token, and only for a run that takes it', async () => {
    const stdin = (headers: Record<string, string>) =>
      fetch(`${service.url}/runs/stdin/0123456789abcdef0123`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ data: 'x\n' }),
      });
    expect((await stdin({})).status).toBe(401);
    const unknown = await stdin({ Authorization: `Bearer ${TEST_TOKEN}` });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'No run takes input under that id (it ended, or its input did)' });
    const noId = await post({ ...python('print(1)'), liveStdin: true });
    expect(noId.status).toBe(400);
  });

  it('refuses an invalid body with 400 and the validation issues', async () => {
    const response = await post({ language: 'cobol', code: 1 });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: Array<{ path: string[] }> };
    expect(body.issues.map((issue) => issue.path[0]).sort()).toEqual(['code', 'language', 'stdin']);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await post('{"language":');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Request body is not valid JSON' });
  });

  it('streams NDJSON, one event per line', async () => {
    const response = await post(python('print("hi")'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const body = await response.text();
    expect(body.endsWith('\n')).toBe(true);
    const events = body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as RunEvent);
    expect(events[0]?.type).toBe('started');
    expect(events.at(-1)).toMatchObject({ type: 'exit', outcome: 'exited', code: 0 });
    expect(
      events
        .slice(1, -1)
        .map((e) => (e.type === 'output' ? e.data : e.type))
        .join(''),
    ).toBe('hi\n');
  });

  it('stops the run when the client disconnects', async () => {
    const controller = new AbortController();
    const response = await fetch(`${service.url}/runs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(python('while True:\n    pass\n')),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read(); // `started`
    expect(docker.activeRuns).toBe(1);
    const abortedAt = Date.now();
    controller.abort();
    const active = await waitFor(
      async () => docker.activeRuns,
      (n) => n === 0,
      3_000,
    );
    expect(active).toBe(0);
    expect(Date.now() - abortedAt).toBeLessThan(3_000);
    expect(
      await waitFor(
        () => sandboxContainers(docker),
        (ids) => ids.length === 0,
      ),
    ).toEqual([]);
  });

  it('makes RemoteJudge report a refused token as an error outcome', async () => {
    const remote = new RemoteJudge({ url: service.url, token: 'wrong-token-wrong-token' });
    const exit = exitOf(await collect(remote, python('print(1)')));
    expect(exit.outcome).toBe('error');
    expect(exit.message).toContain('401');
  });

  it('makes RemoteJudge report an unreachable service as an error outcome', async () => {
    const closed = await createJudgeService({ judge: docker, token: TEST_TOKEN, port: 0 });
    await closed.close();
    const remote = new RemoteJudge({ url: closed.url, token: TEST_TOKEN });
    const exit = exitOf(await collect(remote, python('print(1)')));
    expect(exit.outcome).toBe('error');
    expect(exit.message).toContain('ECONNREFUSED');
  });
});
