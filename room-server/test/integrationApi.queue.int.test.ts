import type { ApiRun, RunEvent } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { apiClient, createToken } from './apiClients.ts';
import { createRoom, signedIn, waitFor } from './harness.ts';
import { received, useRoomServer } from './roomServerFixture.ts';

// A caller of the integration API is to the judge what a room is: one queue key, one job
// in the judge at a time, its other jobs waiting their turn. An integrator's backlog
// neither holds several sandboxes nor holds a room's run back.

const app = useRoomServer({ integrationApi: { maxPendingJobs: 100 } });
const SLEEPER = { language: 'python', code: 'import time\ntime.sleep(1)\nprint("done")' };
const BACKLOG = 4;

/** When the judge ran it: from `started` to its end. */
function span(run: ApiRun): [number, number] {
  const started = run.events.find((e) => e.type === 'started');
  if (started?.type !== 'started' || run.result?.type !== 'exit') throw new Error(`${run.id} did not run`);
  return [started.at, started.at + run.result.durationMs];
}

describe('the judge queue', () => {
  it('judges a caller’s jobs one at a time, in order, and a room’s run does not wait behind them', async () => {
    const admin = await signedIn(app.server, app.database, 'admin');
    const api = apiClient(app.server, (await createToken(admin, 'flood')).token);
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host, 'python');
    const client = app.connect(host, roomId);
    await client.synced;

    const jobs = [];
    for (let i = 0; i < BACKLOG; i++) jobs.push(await api.accepted('/api/v1/runs', SLEEPER));
    const last = jobs.at(-1)?.links.self ?? '';
    client.send({ type: 'run' });
    const events = () => received(client, 'run-event').map((m) => m.event as RunEvent);
    await waitFor(() => events().some((e) => e.type === 'started'), 30_000, 'the room’s run started');
    expect(((await (await api.fetch(last)).json()) as ApiRun).status).toBe('queued');

    const runs: ApiRun[] = [];
    for (const job of jobs) runs.push(await api.settled<ApiRun>(job.links.self));
    for (const run of runs) expect(run).toMatchObject({ status: 'finished', stdout: 'done\n' });
    const spans = runs.map(span);
    // In order, each after the one before it ended.
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.[0]).toBeGreaterThanOrEqual(spans[i - 1]?.[1] ?? Infinity);
  });
});
