import { describe, expect, it, vi } from 'vitest';
import { createRoom, joinRoom, lookupRoom } from './roomApi.ts';

function fakeFetch(status: number, body: unknown, seen: Request[] = []): typeof fetch {
  return async (input, init) => {
    seen.push(new Request(new URL(String(input), 'http://test'), init));
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

const room = {
  id: 'abcdefghij_-KLMNOP12',
  language: 'python',
  problemSlug: null,
  ownerId: 'u1',
  access: 'manage',
  title: '',
  ended: false,
  createdAt: '2024-01-01T00:00:00.000Z',
};

describe('createRoom', () => {
  it('posts the language, the problem and the title', async () => {
    const seen: Request[] = [];
    const created = createRoom(
      { language: 'javascript', problemSlug: 'two-sum', title: 'Onsite 1' },
      fakeFetch(201, room, seen),
    );
    await expect(created).resolves.toEqual(room);
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/api/rooms');
    expect(await seen[0]?.json()).toEqual({ language: 'javascript', problemSlug: 'two-sum', title: 'Onsite 1' });
  });

  it('reads a room without title or end (an older server) as untitled and open', async () => {
    const { title: _title, ended: _ended, ...older } = room;
    await expect(createRoom({ language: 'python' }, fakeFetch(201, older))).resolves.toEqual(room);
  });
});

describe('lookupRoom', () => {
  it('distinguishes found, not found, ended and unknown', async () => {
    await expect(lookupRoom(room.id, null, fakeFetch(200, room))).resolves.toEqual({
      kind: 'found',
      room: { ...room, role: null, invite: null, problem: null },
    });
    await expect(lookupRoom(room.id, null, fakeFetch(200, { ...room, role: 'viewer' }))).resolves.toMatchObject({
      room: { role: 'viewer' },
    });
    await expect(lookupRoom(room.id, null, fakeFetch(404, { error: { message: 'Room not found' } }))).resolves.toEqual({
      kind: 'not-found',
    });
    await expect(lookupRoom(room.id, null, fakeFetch(503, 'not json'))).resolves.toMatchObject({ kind: 'unknown' });
    const ended = fakeFetch(410, { error: { message: 'This interview has ended.' } });
    await expect(lookupRoom(room.id, null, ended)).resolves.toEqual({ kind: 'ended' });
  });

  it('asks with the invitation token', async () => {
    const seen: Request[] = [];
    const invited = { ...room, access: 'invited', invite: { allowGuests: true } };
    await expect(lookupRoom(room.id, 'tok en', fakeFetch(200, invited, seen))).resolves.toMatchObject({
      room: { access: 'invited', invite: { allowGuests: true, role: 'editor' } },
    });
    expect(new URL(seen[0]?.url ?? '').searchParams.get('invite')).toBe('tok en');
  });

  it('keeps the room when its problem cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(lookupRoom(room.id, null, fakeFetch(200, { ...room, problem: { slug: 1 } }))).resolves.toMatchObject({
      kind: 'found',
      room: { problem: null },
    });
    warn.mockRestore();
  });
});

describe('joinRoom', () => {
  it('sends the guest name only when given', async () => {
    const seen: Request[] = [];
    await joinRoom(room.id, 'tok', undefined, fakeFetch(200, { id: room.id }, seen));
    await joinRoom(room.id, 'tok', 'Gus', fakeFetch(200, { id: room.id }, seen));
    expect(await seen[0]?.json()).toEqual({ invite: 'tok' });
    expect(await seen[1]?.json()).toEqual({ invite: 'tok', name: 'Gus' });
  });
});
