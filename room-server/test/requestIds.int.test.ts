import {
  createDockerJudge,
  createJudgeService,
  type DockerJudge,
  type JudgeService,
  RemoteJudge,
} from '@codestream/judge';
import { DocKeys, type ServerMessage } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLines } from '../../test/support/capturedLog.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { createLogger } from '../src/log/logger.ts';
import { connectClient, openTestDatabase, roomWithPeople, startTestServer, waitFor } from './harness.ts';

// Request ids from HTTP and sockets to the judge: room-server and a standalone judge
// service, each logging through pino into a stream this test reads.

/** A pino logger whose JSON lines are kept, parsed. */
function capturedLogger(name: string) {
  const { lines, stream } = capturedLines();
  return { lines, log: createLogger({ name, destination: stream }) };
}

const TOKEN = 'judge-token-for-request-ids';
const roomLog = capturedLogger('room-server');
const judgeLog = capturedLogger('judge');
let database: Database;
let docker: DockerJudge;
let service: JudgeService;
let server: RoomServer;

beforeAll(async () => {
  database = await openTestDatabase();
  docker = await createDockerJudge({ sweepIntervalMs: 0 });
  service = await createJudgeService({ judge: docker, token: TOKEN, port: 0, log: judgeLog.log });
  server = await startTestServer({
    database,
    judge: new RemoteJudge({ url: service.url, token: TOKEN }),
    log: roomLog.log,
  });
});
afterAll(async () => {
  await server.close();
  await service.close();
  await docker.close();
  await database.close();
});

describe('request ids', () => {
  it('keep a well-formed X-Request-Id: it comes back in the response and marks the request’s log line', async () => {
    const response = await fetch(`${server.url}/api/rooms`, { headers: { 'X-Request-Id': 'proxy-7f3a.42' } });
    expect(response.headers.get('x-request-id')).toBe('proxy-7f3a.42');
    expect(roomLog.lines).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        requestId: 'proxy-7f3a.42',
        method: 'GET',
        path: '/api/rooms',
        status: response.status,
        name: 'room-server',
        level: 'info',
      }),
    );
  });

  it('replace a malformed one (or none) with a fresh id', async () => {
    for (const headers of [{ 'X-Request-Id': 'two words "quoted"' }, {}] as Record<string, string>[]) {
      const response = await fetch(`${server.url}/api/rooms`, { headers });
      const id = response.headers.get('x-request-id') ?? '';
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(roomLog.lines).toContainEqual(expect.objectContaining({ msg: 'request', requestId: id }));
    }
    expect(roomLog.lines.some((line) => line.requestId === 'two words "quoted"')).toBe(false);
  });

  it('follow a Run from the socket that pressed it into the judge service’s log', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann']);
    const ann = connectClient(server, roomId, sessions[0] as (typeof sessions)[0]);
    try {
      await ann.synced;
      ann.doc.getText(DocKeys.code).insert(0, 'print("traced")\n');
      ann.send({ type: 'run' });
      // The template reads a line: an empty Input box makes the run live, so end its input.
      ann.send({ type: 'input', data: '', eof: true });
      const exited = () =>
        ann.messages.some(({ message }) => message.type === 'run-event' && message.event.type === 'exit');
      await waitFor(exited, 30_000, 'the run to end');
      const started = ann.messages.find(({ message }) => message.type === 'run-started')?.message as Extract<
        ServerMessage,
        { type: 'run-started' }
      >;

      const joined = roomLog.lines.find((line) => line.msg === 'room socket joined' && line.roomId === roomId);
      expect(joined).toMatchObject({ socketId: expect.stringMatching(/^[0-9a-f]{12}$/), role: 'host', doc: 'code' });
      const requestId = `${joined?.socketId}.${started.run.id}`;
      expect(roomLog.lines).toContainEqual(
        expect.objectContaining({ msg: 'run started', requestId, roomId, runId: started.run.id }),
      );
      await waitFor(() => judgeLog.lines.some((line) => line.msg === 'job ended'), 5_000, 'the judge to log the end');
      const judged = judgeLog.lines.filter((line) => line.requestId === requestId);
      expect(judged).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ msg: 'job started', kind: 'run', language: 'python', name: 'judge' }),
          expect.objectContaining({ msg: 'job ended', result: 'exited', ms: expect.any(Number) }),
          // The HTTP request that carried the job: RemoteJudge sends the id as X-Request-Id too.
          expect.objectContaining({ msg: 'request', method: 'POST', path: '/runs', status: 200 }),
        ]),
      );
    } finally {
      ann.close();
    }
  });
});
