import { CloseCode, type RoomRole } from '@codestream/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { RoomExistsError } from '../src/rooms/RoomRepository.ts';
import { Session, signedIn, socketOutcome, waitFor } from './harness.ts';
import { createProblem } from './problemFixtures.ts';
import { received, useRoomServer } from './roomServerFixture.ts';

// A class: a host's problems, co-instructors and students (a roster or a join link). Each
// student gets their own room per problem, which the instructors host; the class's
// message and timer reach every room of it.

const app = useRoomServer();

interface ClassRoom {
  roomId: string;
  problemSlug: string;
  studentId: string;
  studentName: string;
}
interface ClassView {
  id: string;
  role: 'instructor' | 'student';
  rooms: ClassRoom[];
  message: { text: string; by: string } | null;
  timer: { durationMinutes: number; startedAt: number | null } | null;
  now: number;
  instructors?: { id: string }[];
}

let author: Session;
const SLUGS = ['class-echo', 'class-sum'];

beforeAll(async () => {
  author = await signedIn(app.server, app.database, 'author');
  for (const slug of SLUGS) await createProblem(author, { slug, title: `Title of ${slug}`, visibility: 'published' });
});

async function createClass(host: Session, body: Record<string, unknown>): Promise<ClassView> {
  const res = await host.fetch('/api/classes', { method: 'POST', json: { problemSlugs: SLUGS, ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as ClassView;
}

async function joinLink(host: Session, classId: string): Promise<string> {
  const res = await host.fetch(`/api/classes/${classId}/join-link`, { method: 'POST' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const joinClass = (session: Session, token: string) =>
  session.fetch('/api/classes/join', { method: 'POST', json: { token } });

const openRoom = (session: Session, classId: string, slug: string) =>
  session.fetch(`/api/classes/${classId}/problems/${slug}/room`, { method: 'POST' });

async function roomOf(session: Session, classId: string, slug: string): Promise<string> {
  const res = await openRoom(session, classId, slug);
  expect([200, 201]).toContain(res.status);
  return ((await res.json()) as { id: string }).id;
}

async function classView(session: Session, classId: string): Promise<ClassView> {
  const res = await session.fetch(`/api/classes/${classId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ClassView;
}

async function roleIn(session: Session, roomId: string): Promise<RoomRole | null> {
  const res = await session.fetch(`/api/rooms/${roomId}`);
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return ((await res.json()) as { role: RoomRole | null }).role;
}

async function connected(session: Session, roomId: string) {
  const client = app.connect(session, roomId);
  await client.synced;
  return client;
}

/** A class of two problems with a co-instructor and three students who joined through its link. */
async function classWithStudents() {
  const host = await signedIn(app.server, app.database, 'host', 'Ines');
  const coInstructor = await signedIn(app.server, app.database, 'member', 'Colm');
  const created = await createClass(host, { title: 'Algorithms 101', instructors: [coInstructor.account.email] });
  const token = await joinLink(host, created.id);
  const students = await Promise.all([
    signedIn(app.server, app.database, 'member', 'Ada'),
    signedIn(app.server, app.database, 'member', 'Bo'),
    signedIn(app.server, app.database, 'member', 'Cy'),
  ]);
  for (const student of students) expect((await joinClass(student, token)).status).toBe(200);
  return { host, coInstructor, classId: created.id, token, students };
}

describe('classes', () => {
  it('gives each student one room per problem, created on first opening, the same one after', async () => {
    const { host, classId, students } = await classWithStudents();
    const first = await openRoom(students[0], classId, 'class-echo');
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const again = await openRoom(students[0], classId, 'class-echo');
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(id);

    for (const student of students) for (const slug of SLUGS) await roomOf(student, classId, slug);
    const view = await classView(host, classId);
    expect(view.rooms).toHaveLength(6);
    const keys = new Set(view.rooms.map((room) => `${room.studentName}/${room.problemSlug}`));
    expect(keys.size).toBe(6);
    expect(keys).toContain('Bo/class-sum');
    // Each student sees their own rooms only.
    const own = await classView(students[1], classId);
    expect(own.role).toBe('student');
    expect(own.rooms.map((room) => room.studentName)).toEqual(['Bo', 'Bo']);
    // The room's title names the class, the problem and the student.
    const res = await students[2].fetch(`/api/rooms/${own.rooms[0]?.roomId}`);
    expect(res.status).toBe(404);
    const cyRoom = await roomOf(students[2], classId, 'class-sum');
    const meta = (await (await students[2].fetch(`/api/rooms/${cyRoom}`)).json()) as { title: string };
    expect(meta.title).toBe('Algorithms 101 — Title of class-sum — Cy');
  });

  it('creates one room when a student opens the same problem several times at once', async () => {
    const { host, classId, students } = await classWithStudents();
    const results = await Promise.all(Array.from({ length: 5 }, () => openRoom(students[0], classId, 'class-sum')));
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(results.map(async (res) => ((await res.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect((await classView(host, classId)).rooms).toHaveLength(1);
    expect(await app.database.rooms.listByClass(classId)).toHaveLength(1);
    // What makes it one even when both opens pass the existence check: the database refuses the second _id.
    const [id] = [...ids];
    const again = app.database.rooms.create({
      _id: id as string,
      language: 'python',
      ownerId: 'someone',
      problemSlug: 'class-sum',
      doc: new Uint8Array([0, 0]),
    });
    await expect(again).rejects.toBeInstanceOf(RoomExistsError);
  });

  it('makes the student the editor of their room and every instructor a host; others stay out', async () => {
    const { host, coInstructor, classId, students } = await classWithStudents();
    const [ada, bo] = students;
    const roomId = await roomOf(ada, classId, 'class-echo');
    expect(await roleIn(ada, roomId)).toBe('editor');
    expect(await roleIn(host, roomId)).toBe('host');
    expect(await roleIn(coInstructor, roomId)).toBe('host');
    expect(await roleIn(bo, roomId)).toBeNull();
    expect(await socketOutcome(bo, roomId)).toBe(CloseCode.Forbidden);
    expect(await socketOutcome(ada, roomId)).toBe('open');
    expect(await socketOutcome(coInstructor, roomId)).toBe('open');
    // Instructors do not open rooms of their own; outsiders do not see the class.
    expect((await openRoom(host, classId, 'class-echo')).status).toBe(403);
    const outsider = await signedIn(app.server, app.database, 'member', 'Otto');
    expect((await openRoom(outsider, classId, 'class-echo')).status).toBe(404);
    expect((await outsider.fetch(`/api/classes/${classId}`)).status).toBe(404);
    expect((await openRoom(ada, classId, 'not-in-class')).status).toBe(404);
  });

  it('makes a co-instructor added later a host of the rooms made before; one removed loses them', async () => {
    const { host, coInstructor, classId, students } = await classWithStudents();
    const roomId = await roomOf(students[0], classId, 'class-sum');
    const later = await signedIn(app.server, app.database, 'member', 'Lea');
    expect(await roleIn(later, roomId)).toBeNull();
    const socketBefore = await socketOutcome(later, roomId);
    expect(socketBefore).toBe(CloseCode.Forbidden);
    const res = await host.fetch(`/api/classes/${classId}`, {
      method: 'PATCH',
      json: { instructors: [later.account.id] },
    });
    expect(res.status).toBe(200);
    expect(await roleIn(later, roomId)).toBe('host');
    expect(await socketOutcome(later, roomId)).toBe('open');
    expect(await roleIn(coInstructor, roomId)).toBeNull();
    expect(await roleIn(host, roomId)).toBe('host');
  });

  it('admits only the accounts on a roster class’s roster', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const listed = await signedIn(app.server, app.database, 'member', 'Listed');
    const other = await signedIn(app.server, app.database, 'member', 'Unlisted');
    const created = await createClass(host, { title: 'Roster class', roster: [listed.account.email] });
    const token = await joinLink(host, created.id);
    expect((await joinClass(other, token)).status).toBe(403);
    expect((await openRoom(other, created.id, 'class-echo')).status).toBe(404);
    // The roster's students need not join: the class is theirs.
    expect((await openRoom(listed, created.id, 'class-echo')).status).toBe(201);
    const list = (await (await listed.fetch('/api/classes')).json()) as { items: { id: string; role: string }[] };
    expect(list.items).toContainEqual(expect.objectContaining({ id: created.id, role: 'student' }));
  });

  it('takes a student off the roster out of their rooms at once, and lets them back in when put back', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const student = await signedIn(app.server, app.database, 'member', 'Rhea');
    const created = await createClass(host, { title: 'Roster changes', roster: [student.account.id] });
    const roomId = await roomOf(student, created.id, 'class-sum');
    const client = app.connect(student, roomId);
    await client.synced;
    const patch = (roster: string[]) => host.fetch(`/api/classes/${created.id}`, { method: 'PATCH', json: { roster } });
    const other = await signedIn(app.server, app.database, 'member');
    expect((await patch([other.account.email])).status).toBe(200);
    await waitFor(() => client.provider.wsconnected === false, 5_000, 'socket closed');
    expect(await roleIn(student, roomId)).toBeNull();
    expect(await socketOutcome(student, roomId)).toBe(CloseCode.Removed);
    expect((await openRoom(student, created.id, 'class-sum')).status).toBe(404);
    expect((await patch([other.account.email, student.account.email])).status).toBe(200);
    expect(await roleIn(student, roomId)).toBe('editor');
    expect(await roomOf(student, created.id, 'class-sum')).toBe(roomId);
  });

  it('revokes the old join link when a new one is made', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const created = await createClass(host, { title: 'Links' });
    const old = await joinLink(host, created.id);
    const fresh = await joinLink(host, created.id);
    const student = await signedIn(app.server, app.database, 'member');
    expect((await joinClass(student, old)).status).toBe(404);
    expect((await joinClass(student, fresh)).status).toBe(200);
    expect((await joinClass(new Session(app.server), fresh)).status).toBe(401);
  });

  it('refuses a class without problems, with unknown problems or accounts, naming the field', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const cases = [
      { title: 'x', problemSlugs: [] },
      { title: 'x', problemSlugs: ['no-such-problem'] },
      { title: 'x', problemSlugs: SLUGS, instructors: ['nobody@example.org'] },
      { title: '', problemSlugs: SLUGS },
    ];
    for (const body of cases) {
      const res = await host.fetch('/api/classes', { method: 'POST', json: body });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(/problemSlugs|instructors|title/);
    }
  });

  it('decides for every room of the class whether observing instructors show to students', async () => {
    const host = await signedIn(app.server, app.database, 'host', 'Iris');
    const created = await createClass(host, { title: 'Quiet observers', observersVisible: false });
    const token = await joinLink(host, created.id);
    const student = await signedIn(app.server, app.database, 'member', 'Dee');
    expect((await joinClass(student, token)).status).toBe(200);
    const roomId = await roomOf(student, created.id, 'class-echo');
    expect(received(await connected(student, roomId), 'room-state')[0]?.settings.controls.observersVisible).toBe(false);

    const client = await connected(student, roomId);
    const res = await host.fetch(`/api/classes/${created.id}`, { method: 'PATCH', json: { observersVisible: true } });
    expect(res.status).toBe(200);
    await waitFor(() => received(client, 'settings').length > 0, 5_000, 'settings');
    expect(received(client, 'settings')[0]?.settings.controls.observersVisible).toBe(true);
    expect((await app.database.rooms.findMeta(roomId))?.controls?.observersVisible).toBe(true);
  });

  it('sends the message to the rooms of the class live and in room-state on joining; clears it', async () => {
    const { host, classId, students } = await classWithStudents();
    const [ada, bo] = students;
    const adaRoom = await roomOf(ada, classId, 'class-echo');
    const boRoom = await roomOf(bo, classId, 'class-sum');
    const adaClient = app.connect(ada, adaRoom);
    await adaClient.synced;
    expect(received(adaClient, 'room-state')[0]?.classInfo).toMatchObject({ classId, message: null, timer: null });

    const res = await host.fetch(`/api/classes/${classId}/message`, { method: 'POST', json: { text: ' Break at 3 ' } });
    expect(res.status).toBe(200);
    await waitFor(() => received(adaClient, 'class').length > 0, 5_000, 'class message');
    expect(received(adaClient, 'class')[0]?.classInfo.message).toMatchObject({ text: 'Break at 3', by: 'Ines' });

    const boClient = app.connect(bo, boRoom);
    await boClient.synced;
    expect(received(boClient, 'room-state')[0]?.classInfo?.message?.text).toBe('Break at 3');

    await host.fetch(`/api/classes/${classId}/message`, { method: 'POST', json: { text: '' } });
    await waitFor(() => received(boClient, 'class').length > 0, 5_000, 'cleared message');
    expect(received(boClient, 'class')[0]?.classInfo.message).toBeNull();
    expect((await classView(bo, classId)).message).toBeNull();
    // Only instructors send messages.
    expect((await ada.fetch(`/api/classes/${classId}/message`, { method: 'POST', json: { text: 'hi' } })).status).toBe(
      403,
    );
  });

  it('runs one class timer for every room, on server time; stopping resets it', async () => {
    const { host, classId, students } = await classWithStudents();
    const roomId = await roomOf(students[0], classId, 'class-echo');
    const client = app.connect(students[0], roomId);
    await client.synced;
    const before = Date.now();
    const res = await host.fetch(`/api/classes/${classId}/timer`, {
      method: 'PATCH',
      json: { durationMinutes: 30, running: true },
    });
    expect(res.status).toBe(200);
    await waitFor(() => received(client, 'class').length > 0, 5_000, 'timer');
    const timer = received(client, 'class')[0]?.classInfo.timer;
    expect(timer?.durationMinutes).toBe(30);
    expect(timer?.startedAt).toBeGreaterThanOrEqual(before - 1);
    expect(timer?.startedAt).toBeLessThanOrEqual(Date.now());
    // Changing the length of a running timer keeps its start.
    await host.fetch(`/api/classes/${classId}/timer`, {
      method: 'PATCH',
      json: { durationMinutes: 45, running: true },
    });
    await waitFor(() => received(client, 'class').length > 1, 5_000, 'new length');
    expect(received(client, 'class')[1]?.classInfo.timer).toEqual({ durationMinutes: 45, startedAt: timer?.startedAt });
    await host.fetch(`/api/classes/${classId}/timer`, {
      method: 'PATCH',
      json: { durationMinutes: 45, running: false },
    });
    await waitFor(() => received(client, 'class').length > 2, 5_000, 'stopped');
    expect(received(client, 'class')[2]?.classInfo.timer).toEqual({ durationMinutes: 45, startedAt: null });
    const bad = await host.fetch(`/api/classes/${classId}/timer`, {
      method: 'PATCH',
      json: { durationMinutes: 0, running: true },
    });
    expect(bad.status).toBe(400);
  });
});
