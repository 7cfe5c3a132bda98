import { DocKeys } from '@codestream/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { useTwoServers } from './clusterFixture.ts';
import { connectDashboard, roomWithPeople, type Session, signedIn, waitFor } from './harness.ts';
import { createProblem } from './problemFixtures.ts';
import { received } from './roomServerFixture.ts';

// Two room-servers on one Redis: a host's dashboard on one server follows rooms whose
// people are on the other, and a class's message and timer reach its rooms loaded on
// either.

const cluster = useTwoServers();
const dashboards: ReturnType<typeof connectDashboard>[] = [];
afterAll(() => {
  for (const dashboard of dashboards) dashboard.close();
});

describe('dashboards across servers', () => {
  it('a dashboard on A shows who is in a room whose people are on B, and what they type there', async () => {
    const { roomId, sessions } = await roomWithPeople(cluster.a, cluster.database, ['Hana', 'Ann']);
    const [host, ann] = sessions as [Session, Session];
    const dashboard = connectDashboard(host);
    dashboards.push(dashboard);
    await dashboard.watch([roomId]);
    await waitFor(() => dashboard.latest(roomId) !== undefined, 5_000, 'the first summary');
    expect(dashboard.latest(roomId)?.online).toEqual([]);

    const annB = cluster.connect(cluster.b, ann, roomId);
    await annB.synced;
    await waitFor(
      () => dashboard.latest(roomId)?.online.some((person) => person.name === 'Ann') ?? false,
      10_000,
      'Ann online in the dashboard on A',
    );
    annB.doc.getText(DocKeys.code).insert(0, 'typed on B\n');
    await waitFor(() => dashboard.latest(roomId)?.lastEditBy === 'Ann', 10_000, 'Ann’s edit in the dashboard on A');
    expect(dashboard.latest(roomId)?.preview.text).toContain('typed on B');

    annB.close();
    await waitFor(() => dashboard.latest(roomId)?.online.length === 0, 10_000, 'Ann gone from the dashboard on A');
  });
});

describe('classes across servers', () => {
  it('a class message and timer set through A reach a student room loaded on B', async () => {
    const author = await signedIn(cluster.a, cluster.database, 'author');
    await createProblem(author, { slug: 'cluster-echo', title: 'Echo', visibility: 'published' });
    const host = await signedIn(cluster.a, cluster.database, 'host', 'Ines');
    const created = await host.fetch('/api/classes', {
      method: 'POST',
      json: { title: 'Across servers', problemSlugs: ['cluster-echo'] },
    });
    expect(created.status).toBe(201);
    const classId = ((await created.json()) as { id: string }).id;
    const link = await host.fetch(`/api/classes/${classId}/join-link`, { method: 'POST' });
    const { token } = (await link.json()) as { token: string };
    const student = await signedIn(cluster.a, cluster.database, 'member', 'Ada');
    expect((await student.fetch('/api/classes/join', { method: 'POST', json: { token } })).status).toBe(200);
    const opened = await student.fetch(`/api/classes/${classId}/problems/cluster-echo/room`, { method: 'POST' });
    const roomId = ((await opened.json()) as { id: string }).id;

    const adaB = cluster.connect(cluster.b, student, roomId);
    await adaB.synced;
    const posted = await host.fetch(`/api/classes/${classId}/message`, {
      method: 'POST',
      json: { text: 'Break at 3' },
    });
    expect(posted.status).toBe(200);
    await waitFor(
      () => received(adaB, 'class').some((m) => m.classInfo.message?.text === 'Break at 3'),
      5_000,
      'the message on B',
    );
    const timer = await host.fetch(`/api/classes/${classId}/timer`, {
      method: 'PATCH',
      json: { durationMinutes: 30, running: true },
    });
    expect(timer.status).toBe(200);
    await waitFor(
      () => received(adaB, 'class').some((m) => m.classInfo.timer?.startedAt != null),
      5_000,
      'the timer on B',
    );
  });
});
