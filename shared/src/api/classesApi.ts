import { classInfoSchema, MAX_CLASS_MESSAGE_LENGTH } from '../classInfo.ts';
import { PROBLEM_SLUG_PATTERN } from '../problems.ts';
import { MAX_DURATION_MINUTES, MAX_TITLE_LENGTH } from '../roomControls.ts';
import { z } from '../zodMini.ts';
import { type ApiRoute, isoTimeSchema, itemsOf, json } from './apiRoute.ts';

/** An account named by its id or its email. */
const accountRefSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(254));
const accountListSchema = z.array(accountRefSchema).check(z.maxLength(500));
const classFieldsSchema = z.object({
  title: z.string().check(z.trim(), z.minLength(1, 'Give the class a title'), z.maxLength(MAX_TITLE_LENGTH)),
  problemSlugs: z
    .array(z.string().check(z.regex(PROBLEM_SLUG_PATTERN, 'Not a problem slug')))
    .check(z.minLength(1, 'Choose at least one problem'), z.maxLength(50)),
  /** Co-instructors, by email or account id. */
  instructors: accountListSchema,
  /** The accounts that are the class's students (by email or id); null: whoever joins through the link. */
  roster: z.nullable(accountListSchema),
  observersVisible: z.boolean(),
});
export const createClassInputSchema = z.strictObject(
  z.partial(classFieldsSchema, { instructors: true, roster: true, observersVisible: true }).shape,
);
export const changeClassInputSchema = z.strictObject(z.partial(classFieldsSchema).shape);
export const joinClassInputSchema = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(100)) });
export const classMessageInputSchema = z.strictObject({
  text: z.string().check(z.trim(), z.maxLength(MAX_CLASS_MESSAGE_LENGTH)),
});
export const classTimerInputSchema = z.strictObject({
  durationMinutes: z.number().check(z.int(), z.gte(1), z.lte(MAX_DURATION_MINUTES)),
  running: z.boolean(),
});

/** A student's room on one problem of the class. */
export const classRoomSchema = z.object({
  roomId: z.string(),
  problemSlug: z.string(),
  studentId: z.string(),
  studentName: z.string(),
});
export type ClassRoomView = z.infer<typeof classRoomSchema>;

const personSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
const classCommon = {
  ...classInfoSchema.shape,
  id: z.string(),
  /** Server time (ms), to count the timer on. */
  now: z.number(),
  problems: z.array(z.object({ slug: z.string(), title: z.string() })),
};
/** A class as its instructors see it. */
export const instructorClassSchema = z.object({
  ...classCommon,
  role: z.literal('instructor'),
  ownerId: z.string(),
  instructors: z.array(personSchema),
  roster: z.nullable(z.array(personSchema)),
  students: z.array(z.object({ id: z.string(), name: z.string() })),
  hasJoinLink: z.boolean(),
  observersVisible: z.boolean(),
  rooms: z.array(classRoomSchema),
});
/** A class as a student sees it: only their own rooms. */
export const studentClassSchema = z.object({
  ...classCommon,
  role: z.literal('student'),
  rooms: z.array(classRoomSchema),
});
export const classViewSchema = z.discriminatedUnion('role', [instructorClassSchema, studentClassSchema]);

export const classListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  role: z.enum(['instructor', 'student']),
  problemCount: z.number(),
  createdAt: isoTimeSchema,
});

const classId = { id: 'A class id.' };
const classNotFound = 'Class not found (or the requester is not in it).';
const notAnInstructor = 'Only the class’s instructors can do this.';
const classInfo = json(classInfoSchema, 'What the class’s rooms show of it now (they are told at once).');

export const CLASS_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/api/classes',
    summary: 'Makes a class: problems, co-instructors, and a roster or a join link.',
    tag: 'Classes',
    access: 'host',
    body: { json: createClassInputSchema },
    responses: {
      201: json(instructorClassSchema, 'The new class.'),
      400: 'Invalid class, or problems or accounts that do not exist (named in `details`).',
    },
  },
  {
    method: 'get',
    path: '/api/classes',
    summary: 'The classes the requester teaches or attends.',
    tag: 'Classes',
    access: 'signed-in',
    responses: { 200: json(itemsOf(classListItemSchema), 'The classes, newest first.') },
  },
  {
    method: 'post',
    path: '/api/classes/join',
    summary: 'Joins a class through its join link.',
    tag: 'Classes',
    access: 'signed-in',
    body: { json: joinClassInputSchema },
    responses: {
      200: json(z.object({ id: z.string(), title: z.string() }), 'Joined (or already in it).'),
      403: 'The class admits only the accounts on its roster.',
      404: 'The link is not valid (an instructor may have replaced it).',
    },
  },
  {
    method: 'get',
    path: '/api/classes/:id',
    summary: 'A class: instructors see everyone’s rooms, a student their own.',
    tag: 'Classes',
    access: 'signed-in',
    params: classId,
    responses: { 200: json(classViewSchema, 'The class.'), 404: classNotFound },
  },
  {
    method: 'patch',
    path: '/api/classes/:id',
    summary: 'Changes a class; rooms follow (hosts, observers shown, students let in or out).',
    tag: 'Classes',
    access: 'signed-in',
    params: classId,
    body: { json: changeClassInputSchema },
    responses: {
      200: json(instructorClassSchema, 'The class as changed.'),
      400: 'Invalid change, or problems or accounts that do not exist.',
      403: notAnInstructor,
      404: classNotFound,
    },
  },
  {
    method: 'post',
    path: '/api/classes/:id/join-link',
    summary: 'Makes a new join link; the previous one stops working.',
    tag: 'Classes',
    access: 'signed-in',
    params: classId,
    responses: {
      201: json(z.object({ token: z.string(), path: z.string() }), 'The link; its token is shown only now.'),
      403: notAnInstructor,
      404: classNotFound,
    },
  },
  {
    method: 'post',
    path: '/api/classes/:id/problems/:slug/room',
    summary: 'Opens the requesting student’s room on a problem of the class (made on the first call).',
    tag: 'Classes',
    access: 'signed-in',
    params: { ...classId, slug: 'A problem slug of the class.' },
    responses: {
      200: json(z.object({ id: z.string() }), 'The room made before.'),
      201: json(z.object({ id: z.string() }), 'A new room.'),
      403: 'Instructors open their students’ rooms from the class page.',
      404: 'No such class, or the problem is not part of it.',
    },
  },
  {
    method: 'post',
    path: '/api/classes/:id/message',
    summary: 'Shows a message in every room of the class (empty text: none).',
    tag: 'Classes',
    access: 'signed-in',
    params: classId,
    body: { json: classMessageInputSchema },
    responses: { 200: classInfo, 403: notAnInstructor, 404: classNotFound },
  },
  {
    method: 'patch',
    path: '/api/classes/:id/timer',
    summary: 'Sets, starts or stops the class timer shown in every room of the class.',
    tag: 'Classes',
    access: 'signed-in',
    params: classId,
    body: { json: classTimerInputSchema },
    responses: { 200: classInfo, 403: notAnInstructor, 404: classNotFound },
  },
];
