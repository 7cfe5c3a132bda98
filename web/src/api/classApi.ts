import { classInfoSchema } from '@codestream/shared';
import * as z from 'zod/mini';
import { type Fetch, requestJson } from '../lib/http.ts';

const personSchema = z.object({ id: z.string(), name: z.string() });
const accountSchema = z.extend(personSchema, { email: z.string() });

/** A student's room on one problem of the class. */
const classRoomSchema = z.object({
  roomId: z.string(),
  problemSlug: z.string(),
  studentId: z.string(),
  studentName: z.string(),
});
export type ClassRoom = z.infer<typeof classRoomSchema>;

const commonSchema = z.extend(classInfoSchema, {
  id: z.string(),
  /** The server's clock when it answered (the class timer counts on it). */
  now: z.number(),
  problems: z.array(z.object({ slug: z.string(), title: z.string() })),
  rooms: z.array(classRoomSchema),
});

const instructorViewSchema = z.extend(commonSchema, {
  role: z.literal('instructor'),
  ownerId: z.string(),
  instructors: z.array(accountSchema),
  roster: z.nullable(z.array(accountSchema)),
  students: z.array(personSchema),
  hasJoinLink: z.boolean(),
  observersVisible: z.boolean(),
});
export type InstructorClassView = z.infer<typeof instructorViewSchema>;

const studentViewSchema = z.extend(commonSchema, { role: z.literal('student') });
export type StudentClassView = z.infer<typeof studentViewSchema>;

const classViewSchema = z.discriminatedUnion('role', [instructorViewSchema, studentViewSchema]);
export type ClassView = z.infer<typeof classViewSchema>;

const classListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      role: z.enum(['instructor', 'student']),
      problemCount: z.number(),
      createdAt: z.string(),
    }),
  ),
});
export type ClassSummary = z.infer<typeof classListSchema>['items'][number];

export interface ClassFields {
  title: string;
  problemSlugs: string[];
  /** Co-instructors by email or account id. */
  instructors: string[];
  /** Students by email or account id; null: whoever joins through the link. */
  roster: string[] | null;
  observersVisible: boolean;
}

export async function listClasses(signal?: AbortSignal, fetchImpl?: Fetch) {
  return (await requestJson(classListSchema, '/api/classes', { signal, fetchImpl })).items;
}

export function createClass(fields: ClassFields, fetchImpl?: Fetch) {
  return requestJson(instructorViewSchema, '/api/classes', { method: 'POST', json: fields, fetchImpl });
}

export function getClass(id: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(classViewSchema, `/api/classes/${encodeURIComponent(id)}`, { signal, fetchImpl });
}

export function updateClass(id: string, change: Partial<ClassFields>, fetchImpl?: Fetch) {
  return requestJson(instructorViewSchema, `/api/classes/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    json: change,
    fetchImpl,
  });
}

/** A new join link (the previous one stops working). */
export function newJoinLink(id: string, fetchImpl?: Fetch) {
  return requestJson(
    z.object({ token: z.string(), path: z.string() }),
    `/api/classes/${encodeURIComponent(id)}/join-link`,
    {
      method: 'POST',
      fetchImpl,
    },
  );
}

export function joinClass(token: string, fetchImpl?: Fetch) {
  return requestJson(z.object({ id: z.string(), title: z.string() }), '/api/classes/join', {
    method: 'POST',
    json: { token },
    fetchImpl,
  });
}

/** The student's own room on `slug` (created the first time). */
export async function openClassRoom(id: string, slug: string, fetchImpl?: Fetch) {
  const path = `/api/classes/${encodeURIComponent(id)}/problems/${encodeURIComponent(slug)}/room`;
  return (await requestJson(z.object({ id: z.string() }), path, { method: 'POST', fetchImpl })).id;
}

/** Shows `text` in every room of the class (empty clears it). */
export function sendClassMessage(id: string, text: string, fetchImpl?: Fetch) {
  return requestJson(classInfoSchema, `/api/classes/${encodeURIComponent(id)}/message`, {
    method: 'POST',
    json: { text },
    fetchImpl,
  });
}

export function setClassTimer(id: string, durationMinutes: number, running: boolean, fetchImpl?: Fetch) {
  return requestJson(classInfoSchema, `/api/classes/${encodeURIComponent(id)}/timer`, {
    method: 'PATCH',
    json: { durationMinutes, running },
    fetchImpl,
  });
}
