import { LANGUAGE_IDS } from '../languages.ts';
import { submissionViewSchema } from '../roomMessages.ts';
import { verdictSchema } from '../submissions.ts';
import { z } from '../zodMini.ts';
import { type ApiRoute, isoTimeSchema, itemsOf, json } from './apiRoute.ts';

/** A submission in a list: its verdict and times, never its code or test data. */
export const submissionSummarySchema = z.object({
  id: z.string(),
  roomId: z.string(),
  problemSlug: z.string(),
  submittedBy: z.string(),
  language: z.enum(LANGUAGE_IDS),
  requestedAt: isoTimeSchema,
  /** null while it is judged. */
  verdict: z.nullable(verdictSchema),
  passed: z.number(),
  total: z.number(),
  totalMs: z.nullable(z.number()),
  /** Stopped before every test was judged: `verdict` is then `internal-error` and says nothing of the program. */
  stopped: z.boolean(),
});
export const submissionDetailSchema = z.extend(submissionSummarySchema, {
  code: z.string(),
  /** Its events as the room showed them; hidden tests carry verdicts and times only. */
  view: submissionViewSchema,
});

const newestFirst = json(itemsOf(submissionSummarySchema), 'The latest 100, newest first.');

export const SUBMISSION_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/rooms/:id/submissions',
    summary: 'The room’s submissions.',
    tag: 'Submissions',
    access: 'room',
    params: { id: 'A room id.' },
    responses: { 200: newestFirst, 404: 'Room not found (or the requester is not in it).' },
  },
  {
    method: 'get',
    path: '/api/problems/:slug/submissions',
    summary: 'Submissions to a problem: all of them for authors, one’s own for others.',
    tag: 'Submissions',
    access: 'signed-in',
    params: { slug: 'A problem slug.' },
    responses: { 200: newestFirst },
  },
  {
    method: 'get',
    path: '/api/users/:id/submissions',
    summary: 'A person’s submissions (`me` for one’s own; admins may ask for anyone’s).',
    tag: 'Submissions',
    access: 'signed-in',
    params: { id: 'An account id, or `me`.' },
    responses: { 200: newestFirst, 403: 'Only admins see other people’s submissions.' },
  },
  {
    method: 'get',
    path: '/api/submissions/:id',
    summary: 'One submission with its code and every test’s verdict.',
    description: 'For its author, authors and admins, and everyone in its room.',
    tag: 'Submissions',
    access: 'public',
    params: { id: 'A submission id.' },
    responses: { 200: json(submissionDetailSchema, 'The submission.'), 404: 'Submission not found.' },
  },
];
