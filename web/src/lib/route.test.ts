import { describe, expect, it } from 'vitest';
import { parseRoute, roomPath } from './route.ts';

const id = 'abcdefghij_-KLMNOP12';

describe('parseRoute', () => {
  it('maps / to home', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
  });

  it('maps /r/:id to the room when the id is well formed', () => {
    expect(parseRoute(`/r/${id}`)).toEqual({ page: 'room', roomId: id });
    expect(parseRoute(`/r/${id}/`)).toEqual({ page: 'room', roomId: id });
  });

  it('answers room-not-found for ids that cannot exist', () => {
    expect(parseRoute('/r/short')).toEqual({ page: 'room-not-found' });
    expect(parseRoute(`/r/${id}x`)).toEqual({ page: 'room-not-found' });
  });

  it('answers not-found for other paths', () => {
    expect(parseRoute('/nope')).toEqual({ page: 'not-found' });
    expect(parseRoute(`/r/${id}/extra`)).toEqual({ page: 'not-found' });
  });

  it('round-trips roomPath', () => {
    expect(parseRoute(roomPath(id))).toEqual({ page: 'room', roomId: id });
  });
});
