import { describe, expect, it } from 'vitest';
import { createRoom, lookupRoom } from './api.ts';

function fakeFetch(status: number, body: unknown, seen: Request[] = []): typeof fetch {
  return async (input, init) => {
    seen.push(new Request(new URL(String(input), 'http://test'), init));
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

const room = { id: 'abcdefghij_-KLMNOP12', language: 'python', createdAt: '2024-01-01T00:00:00.000Z' };

describe('createRoom', () => {
  it('posts the language and returns the room', async () => {
    const seen: Request[] = [];
    await expect(createRoom('javascript', fakeFetch(201, room, seen))).resolves.toEqual(room);
    expect(seen[0]?.method).toBe('POST');
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/api/rooms');
    expect(await seen[0]?.json()).toEqual({ language: 'javascript' });
  });

  it('throws the server message on errors', async () => {
    await expect(createRoom('python', fakeFetch(400, { error: { message: 'Unknown language' } }))).rejects.toThrow(
      'Unknown language',
    );
  });

  it('throws a readable message when offline', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(createRoom('python', offline)).rejects.toThrow(/cannot be reached/);
  });
});

describe('lookupRoom', () => {
  it('distinguishes found, not found and unknown', async () => {
    await expect(lookupRoom(room.id, fakeFetch(200, room))).resolves.toEqual({ kind: 'found', room });
    await expect(lookupRoom(room.id, fakeFetch(404, { error: { message: 'Room not found' } }))).resolves.toEqual({
      kind: 'not-found',
    });
    await expect(lookupRoom(room.id, fakeFetch(503, 'not json'))).resolves.toMatchObject({ kind: 'unknown' });
    await expect(lookupRoom(room.id, fakeFetch(200, { id: 1 }))).resolves.toMatchObject({ kind: 'unknown' });
  });
});
