import { PROBLEM_SLUG_PATTERN, ROOM_ID_PATTERN } from '@codestream/shared';

/** What the single-page app shows for a path (query strings are read by the pages). */
export type Route =
  | { page: 'home' }
  | { page: 'login' }
  | { page: 'register' }
  /** `/account`: the person's own name, password and sessions. */
  | { page: 'account' }
  /** `/reset-password?token=…`: an admin's password-reset link. */
  | { page: 'reset-password' }
  | { page: 'problems' }
  | { page: 'problem'; slug: string }
  | { page: 'room'; roomId: string }
  /** `/r/<id>/playback`: the room's session replayed (hosts, or everyone when they allow it). */
  | { page: 'room-playback'; roomId: string }
  /** `/r/<something that cannot be a room id>`: answered without asking the server. */
  | { page: 'room-not-found' }
  /** `/admin`: sends people to the first section their role may see. */
  | { page: 'admin' }
  | { page: 'admin-users' }
  | { page: 'admin-problems' }
  | { page: 'admin-problem-new' }
  | { page: 'admin-problem-edit'; slug: string }
  /** `/submissions`: this person's own submissions. */
  | { page: 'my-submissions' }
  | { page: 'submission'; id: string }
  /** `/classes`: the classes this person teaches or is a student of. */
  | { page: 'classes' }
  | { page: 'class'; classId: string }
  /** `/classes/join/:token`: a class's join link. */
  | { page: 'class-join'; token: string }
  /** `/dashboard`: the rooms this person hosts, live. */
  | { page: 'dashboard' }
  | { page: 'not-found' };

const STATIC_ROUTES: Readonly<Record<string, Route>> = {
  '/': { page: 'home' },
  '/login': { page: 'login' },
  '/register': { page: 'register' },
  '/account': { page: 'account' },
  '/reset-password': { page: 'reset-password' },
  '/problems': { page: 'problems' },
  '/admin': { page: 'admin' },
  '/admin/users': { page: 'admin-users' },
  '/admin/problems': { page: 'admin-problems' },
  '/admin/problems/new': { page: 'admin-problem-new' },
  '/submissions': { page: 'my-submissions' },
  '/classes': { page: 'classes' },
  '/dashboard': { page: 'dashboard' },
};

/** Class ids and join tokens are server-made, url-safe base64. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** Submission ids are server-made (UUIDs); anything else cannot be one. */
const SUBMISSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string): Route {
  // A trailing slash is tolerated: people paste links by hand.
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') || '/' : pathname || '/';
  const fixed = STATIC_ROUTES[path];
  if (fixed) return fixed;
  const room = /^\/r\/([^/]+)$/.exec(path);
  if (room) {
    const roomId = decode(room[1] ?? '');
    return roomId !== null && ROOM_ID_PATTERN.test(roomId) ? { page: 'room', roomId } : { page: 'room-not-found' };
  }
  const playback = /^\/r\/([^/]+)\/playback$/.exec(path);
  if (playback) {
    const roomId = decode(playback[1] ?? '');
    return roomId !== null && ROOM_ID_PATTERN.test(roomId)
      ? { page: 'room-playback', roomId }
      : { page: 'room-not-found' };
  }
  const problem = /^\/problems\/([^/]+)$/.exec(path);
  const problemSlug = problem ? decode(problem[1] ?? '') : null;
  if (problemSlug !== null && PROBLEM_SLUG_PATTERN.test(problemSlug)) return { page: 'problem', slug: problemSlug };
  const edit = /^\/admin\/problems\/([^/]+)\/edit$/.exec(path);
  const editSlug = edit ? decode(edit[1] ?? '') : null;
  if (editSlug !== null && PROBLEM_SLUG_PATTERN.test(editSlug)) return { page: 'admin-problem-edit', slug: editSlug };
  const classJoin = /^\/classes\/join\/([^/]+)$/.exec(path);
  const token = classJoin ? decode(classJoin[1] ?? '') : null;
  if (token !== null && TOKEN_PATTERN.test(token)) return { page: 'class-join', token };
  const classPage = /^\/classes\/([^/]+)$/.exec(path);
  const classId = classPage ? decode(classPage[1] ?? '') : null;
  if (classId !== null && classId !== 'join' && TOKEN_PATTERN.test(classId)) return { page: 'class', classId };
  const submission = /^\/submissions\/([^/]+)$/.exec(path);
  const submissionId = submission ? decode(submission[1] ?? '') : null;
  if (submissionId !== null && SUBMISSION_ID_PATTERN.test(submissionId))
    return { page: 'submission', id: submissionId };
  return { page: 'not-found' };
}

export function roomPath(roomId: string, invite?: string): string {
  const base = `/r/${encodeURIComponent(roomId)}`;
  return invite ? `${base}?invite=${encodeURIComponent(invite)}` : base;
}

/** The room's playback, at update `seq` when given (a link to that moment). */
export function playbackPath(roomId: string, seq?: number): string {
  const base = `${roomPath(roomId)}/playback`;
  return seq === undefined ? base : `${base}?at=${seq}`;
}

export function problemPath(slug: string): string {
  return `/problems/${encodeURIComponent(slug)}`;
}

export function classPath(classId: string): string {
  return `/classes/${encodeURIComponent(classId)}`;
}

export function classJoinPath(token: string): string {
  return `/classes/join/${encodeURIComponent(token)}`;
}

export function submissionPath(id: string): string {
  return `/submissions/${encodeURIComponent(id)}`;
}

export function editProblemPath(slug: string): string {
  return `/admin/problems/${encodeURIComponent(slug)}/edit`;
}

/** `/login?next=…` that brings the person back to `next` after signing in. */
export function loginPath(next?: string): string {
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

export function registerPath(next?: string, invite?: string): string {
  const search = new URLSearchParams();
  if (invite) search.set('invite', invite);
  if (next && next !== '/') search.set('next', next);
  const text = search.toString();
  return text ? `/register?${text}` : '/register';
}

/**
 * Where to go after signing in: `next` when it is a path of this site, else home. Anything
 * that could leave the site (`//evil`, `https:…`, `/\evil`) is refused: an open redirect
 * on the sign-in page would lend phishing pages this site's credibility.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  try {
    const url = new URL(next, 'http://codestream.invalid');
    if (url.origin !== 'http://codestream.invalid') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
