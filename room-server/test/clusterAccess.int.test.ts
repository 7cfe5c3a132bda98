import { CloseCode } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { useTwoServers } from './clusterFixture.ts';
import {
  closedWithin,
  openRoomSocket,
  roomWithPeople,
  type Session,
  signedIn,
  socketOutcome,
  waitFor,
} from './harness.ts';
import { received } from './roomServerFixture.ts';

// Two room-servers on one Redis: whatever changes someone's access on one server takes
// effect on their sockets on the other at once.

const cluster = useTwoServers();

/** A room made on A by a host, with Ann (a member) in it: Ann's socket is on B. */
async function roomWithAnnOnB() {
  const { roomId, sessions } = await roomWithPeople(cluster.a, cluster.database, ['Host', 'Ann']);
  const [host, ann] = sessions as [Session, Awaited<ReturnType<typeof signedIn>>];
  const annOnB = ann.on(cluster.b);
  const socket = await openRoomSocket(annOnB, roomId);
  return { roomId, host, ann, annOnB, socket };
}

async function participantId(host: Session, roomId: string, name: string): Promise<string> {
  const res = await host.fetch(`/api/rooms/${roomId}/participants`);
  const { items } = (await res.json()) as { items: { id: string; name: string }[] };
  return items.find((p) => p.name === name)?.id as string;
}

describe('access changed on one server, sockets on the other', () => {
  it("an admin revoking someone's sessions on A closes their socket on B, and B lets them not back in", async () => {
    const { roomId, ann, annOnB, socket } = await roomWithAnnOnB();
    const admin = await signedIn(cluster.a, cluster.database, 'admin');
    expect((await admin.fetch(`/api/users/${ann.account.id}/revoke-sessions`, { method: 'POST' })).status).toBe(200);
    expect(await closedWithin(socket)).toBe(CloseCode.SignedOut);
    expect(await socketOutcome(annOnB, roomId)).toBe(CloseCode.Forbidden);
  });

  it('signing out on A closes that session’s socket on B, and B forgets the session it had cached', async () => {
    const { roomId, ann, annOnB, socket } = await roomWithAnnOnB();
    expect((await ann.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect(await closedWithin(socket)).toBe(CloseCode.SignedOut);
    expect(await socketOutcome(annOnB, roomId)).toBe(CloseCode.Forbidden);
  });

  it('disabling an account on A closes its socket on B', async () => {
    const { ann, socket } = await roomWithAnnOnB();
    const admin = await signedIn(cluster.a, cluster.database, 'admin');
    const res = await admin.fetch(`/api/users/${ann.account.id}`, { method: 'PATCH', json: { disabled: true } });
    expect(res.status).toBe(200);
    expect(await closedWithin(socket)).toBe(CloseCode.AccountDisabled);
  });

  it('a room role changed on A reconnects the person on B with the new role', async () => {
    const { roomId, host, annOnB, socket } = await roomWithAnnOnB();
    const annId = await participantId(host, roomId, 'Ann');
    const res = await host.fetch(`/api/rooms/${roomId}/participants/${annId}`, {
      method: 'PATCH',
      json: { role: 'viewer' },
    });
    expect(res.status).toBe(204);
    expect(await closedWithin(socket)).toBe(CloseCode.RoleChanged);
    const again = cluster.connect(cluster.b, annOnB, roomId);
    await waitFor(() => received(again, 'room-state').some((m) => m.role === 'viewer'), 5_000, 'the new role');
  });

  it('a participant removed on A is cut off on B', async () => {
    const { roomId, host, annOnB, socket } = await roomWithAnnOnB();
    const annId = await participantId(host, roomId, 'Ann');
    expect((await host.fetch(`/api/rooms/${roomId}/participants/${annId}`, { method: 'DELETE' })).status).toBe(204);
    expect(await closedWithin(socket)).toBe(CloseCode.Removed);
    expect(await socketOutcome(annOnB, roomId)).toBe(CloseCode.Removed);
  });

  it('an edit lock set through A reaches the room loaded on B: its editors become viewers there', async () => {
    const { roomId, host, annOnB, socket } = await roomWithAnnOnB();
    socket.close();
    const ann = cluster.connect(cluster.b, annOnB, roomId);
    await ann.synced;
    const res = await host.fetch(`/api/rooms/${roomId}/controls`, { method: 'PATCH', json: { editingLocked: true } });
    expect(res.status).toBe(200);
    await waitFor(
      () => received(ann, 'settings').some((m) => m.settings.controls.editingLocked),
      5_000,
      'the lock on B',
    );
    await waitFor(() => received(ann, 'room-state').some((m) => m.role === 'viewer'), 5_000, 'Ann a viewer on B');
  });

  it('a room ended through A is ended on B, and deleting it on A closes its sockets on B', async () => {
    const { roomId, host, annOnB, socket } = await roomWithAnnOnB();
    socket.close();
    const ann = cluster.connect(cluster.b, annOnB, roomId);
    await ann.synced;
    expect((await host.fetch(`/api/rooms/${roomId}/end`, { method: 'POST', json: {} })).status).toBe(200);
    await waitFor(
      () => received(ann, 'settings').some((m) => m.settings.session.endedAt !== null),
      5_000,
      'the end on B',
    );
    const hostOnB = await openRoomSocket(host.on(cluster.b), roomId);
    expect((await host.fetch(`/api/rooms/${roomId}`, { method: 'DELETE' })).status).toBe(204);
    expect(await closedWithin(hostOnB)).toBe(CloseCode.RoomDeleted);
  });
});
