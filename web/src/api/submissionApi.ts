import { submissionViewSchema, verdictSchema } from '@codestream/shared';
import * as z from 'zod/mini';
import { type Fetch, requestJson } from '../lib/http.ts';

/** One submission in a list: who, what, and how it ended (`verdict` null while it is judged). */
export const submissionSummarySchema = z.object({
  id: z.string(),
  roomId: z.string(),
  problemSlug: z.string(),
  submittedBy: z.string(),
  // A language this client does not know yet is still listed (by its id).
  language: z.string(),
  requestedAt: z.union([z.string(), z.number()]),
  verdict: z.nullable(verdictSchema),
  passed: z.number(),
  total: z.number(),
  totalMs: z.nullable(z.number()),
  /** Stopped before every test was judged: `verdict` (internal-error) then says nothing of the program. */
  stopped: z.boolean(),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

const submissionListSchema = z.object({ items: z.array(submissionSummarySchema) });

/** One submission with its code and results as its room saw them. */
export const submissionDetailSchema = z.extend(submissionSummarySchema, {
  code: z.string(),
  view: submissionViewSchema,
});
export type SubmissionDetail = z.infer<typeof submissionDetailSchema>;

async function list(path: string, signal?: AbortSignal, fetchImpl?: Fetch): Promise<SubmissionSummary[]> {
  return (await requestJson(submissionListSchema, path, { signal, fetchImpl })).items;
}

/** The room's submissions, newest first (participants). */
export function listRoomSubmissions(roomId: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  return list(`/api/rooms/${encodeURIComponent(roomId)}/submissions`, signal, fetchImpl);
}

/** Submissions to a problem: everyone's for authors and admins, one's own for others. */
export function listProblemSubmissions(slug: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  return list(`/api/problems/${encodeURIComponent(slug)}/submissions`, signal, fetchImpl);
}

export function listMySubmissions(signal?: AbortSignal, fetchImpl?: Fetch) {
  return list('/api/users/me/submissions', signal, fetchImpl);
}

export function getSubmission(id: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(submissionDetailSchema, `/api/submissions/${encodeURIComponent(id)}`, { signal, fetchImpl });
}
