import { availableParallelism } from 'node:os';
import type { ApiRun, RunEvent } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { apiClient, createToken } from './apiClients.ts';
import { createRoom, signedIn, waitFor } from './harness.ts';
import { received, useRoomServer } from './roomServerFixture.ts';

// API jobs wait in the judge's queue with rooms' jobs, under a key of their caller's: the
// queue takes keys in turn, so an integrator's backlog does not hold a room's run back.

const app = useRoomServer({ integrationApi: { maxPendingJobs: 100 } });
const SLEEPER = { language: 'python', code: 'import time\ntime.sleep(1.5)\nprint("done")' };

describe('the judge queue', () => {
  it('takes a room’s run in turn with an integrator’s backlog, not after it', async () => {
    const admin = await signedIn(app.server, app.database, 'admin');
    const api = apiClient(app.server, (await createToken(admin, 'flood')).token);
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host, 'python');
    const client = app.connect(host, roomId);
    await client.synced;

    // Every sandbox busy and at least four more waiting.
    const backlog = availableParallelism() + 4;
    const jobs = [];
    for (let i = 0; i < backlog; i++) jobs.push(await api.accepted('/api/v1/runs', SLEEPER));
    const last = jobs.at(-1)?.links.self ?? '';
    const lastJob = async () => (await (await api.fetch(last)).json()) as ApiRun;
    await waitFor(async () => (await lastJob()).events.some((e) => e.type === 'queued'), 10_000, 'backlog queued');

    client.send({ type: 'run' });
    const events = () => received(client, 'run-event').map((m) => m.event as RunEvent);
    await waitFor(() => events().some((e) => e.type === 'started'), 30_000, 'the room’s run started');
    // Fair turns: the integrator still has runs waiting when the room's starts (first in, first out would not).
    expect((await lastJob()).status).toBe('queued');
    const positions = events().flatMap((e) => (e.type === 'queued' ? [e.position] : []));
    expect(positions[0]).toBeLessThanOrEqual(2);
    await api.settled(last);
  });
});
