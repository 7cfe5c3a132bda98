import { describe, expect, it } from 'vitest';
import {
  classJoinPath,
  classPath,
  editProblemPath,
  loginPath,
  parseRoute,
  playbackPath,
  problemPath,
  registerPath,
  roomPath,
  safeNextPath,
  submissionPath,
} from './route.ts';

const id = 'abcdefghij_-KLMNOP12';

describe('parseRoute', () => {
  it('maps the fixed pages', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('/login')).toEqual({ page: 'login' });
    expect(parseRoute('/register/')).toEqual({ page: 'register' });
    expect(parseRoute('/problems')).toEqual({ page: 'problems' });
    expect(parseRoute('/admin')).toEqual({ page: 'admin' });
    expect(parseRoute('/admin/users')).toEqual({ page: 'admin-users' });
    expect(parseRoute('/admin/problems')).toEqual({ page: 'admin-problems' });
    expect(parseRoute('/admin/problems/new')).toEqual({ page: 'admin-problem-new' });
    expect(parseRoute('/dashboard')).toEqual({ page: 'dashboard' });
    expect(parseRoute('/dashboard/')).toEqual({ page: 'dashboard' });
  });

  it('maps /classes, a class and a class join link', () => {
    expect(parseRoute('/classes')).toEqual({ page: 'classes' });
    expect(parseRoute('/classes/')).toEqual({ page: 'classes' });
    expect(parseRoute('/classes/abc_DEF-12')).toEqual({ page: 'class', classId: 'abc_DEF-12' });
    expect(parseRoute('/classes/join/tok-EN_1')).toEqual({ page: 'class-join', token: 'tok-EN_1' });
    expect(parseRoute('/classes/join')).toEqual({ page: 'not-found' });
    expect(parseRoute('/classes/a%20b')).toEqual({ page: 'not-found' });
    expect(parseRoute('/classes/x/y')).toEqual({ page: 'not-found' });
    expect(classPath('abc')).toBe('/classes/abc');
    expect(classJoinPath('t0k')).toBe('/classes/join/t0k');
  });

  it('maps /r/:id to the room when the id is well formed', () => {
    expect(parseRoute(`/r/${id}`)).toEqual({ page: 'room', roomId: id });
    expect(parseRoute(`/r/${id}/`)).toEqual({ page: 'room', roomId: id });
  });

  it("maps /r/:id/playback to the room's playback, and links to a moment of it", () => {
    expect(parseRoute(`/r/${id}/playback`)).toEqual({ page: 'room-playback', roomId: id });
    expect(parseRoute('/r/short/playback')).toEqual({ page: 'room-not-found' });
    expect(playbackPath(id)).toBe(`/r/${id}/playback`);
    expect(playbackPath(id, 42)).toBe(`/r/${id}/playback?at=42`);
  });

  it('answers room-not-found for ids that cannot exist', () => {
    expect(parseRoute('/r/short')).toEqual({ page: 'room-not-found' });
    expect(parseRoute(`/r/${id}x`)).toEqual({ page: 'room-not-found' });
    expect(parseRoute('/r/%E0%A4%A')).toEqual({ page: 'room-not-found' });
  });

  it('maps problem pages by slug', () => {
    expect(parseRoute('/problems/two-sum')).toEqual({ page: 'problem', slug: 'two-sum' });
    expect(parseRoute('/admin/problems/two-sum/edit')).toEqual({ page: 'admin-problem-edit', slug: 'two-sum' });
    // A problem may be called "new": its editor has its own address.
    expect(parseRoute('/admin/problems/new/edit')).toEqual({ page: 'admin-problem-edit', slug: 'new' });
    expect(parseRoute('/problems/Not_A_Slug')).toEqual({ page: 'not-found' });
  });

  it('maps submission pages', () => {
    const uuid = '0f8a6c1e-2b7d-4c3e-9a55-1d2e3f4a5b6c';
    expect(parseRoute('/submissions')).toEqual({ page: 'my-submissions' });
    expect(parseRoute(`/submissions/${uuid}`)).toEqual({ page: 'submission', id: uuid });
    expect(parseRoute(submissionPath(uuid))).toEqual({ page: 'submission', id: uuid });
    expect(parseRoute('/submissions/a%20b')).toEqual({ page: 'not-found' });
    expect(parseRoute(`/submissions/${uuid}/code`)).toEqual({ page: 'not-found' });
  });

  it('answers not-found for other paths', () => {
    expect(parseRoute('/nope')).toEqual({ page: 'not-found' });
    expect(parseRoute(`/r/${id}/extra`)).toEqual({ page: 'not-found' });
    expect(parseRoute('/admin/problems/two-sum')).toEqual({ page: 'not-found' });
  });

  it('round-trips the path builders', () => {
    expect(parseRoute(roomPath(id))).toEqual({ page: 'room', roomId: id });
    expect(parseRoute(problemPath('a-b'))).toEqual({ page: 'problem', slug: 'a-b' });
    expect(parseRoute(editProblemPath('a-b'))).toEqual({ page: 'admin-problem-edit', slug: 'a-b' });
    expect(roomPath(id, 'to k')).toBe(`/r/${id}?invite=to%20k`);
  });
});

describe('sign-in links', () => {
  it('carry where to come back to', () => {
    expect(loginPath()).toBe('/login');
    expect(loginPath('/')).toBe('/login');
    expect(loginPath(`/r/${id}?invite=x`)).toBe(`/login?next=${encodeURIComponent(`/r/${id}?invite=x`)}`);
    expect(registerPath('/problems', 'tok')).toBe('/register?invite=tok&next=%2Fproblems');
    expect(registerPath()).toBe('/register');
  });
});

describe('safeNextPath', () => {
  it('keeps paths of this site with their query', () => {
    expect(safeNextPath(`/r/${id}?invite=abc`)).toBe(`/r/${id}?invite=abc`);
    expect(safeNextPath('/problems?q=sum#top')).toBe('/problems?q=sum#top');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of [
      null,
      undefined,
      '',
      'problems',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
    ]) {
      expect(safeNextPath(next)).toBe('/');
    }
  });
});
