import {
  bulkTestsInputSchema,
  problemInputSchema,
  problemListQuerySchema,
  problemListSchema,
  problemSlugSchema,
  publicProblemSchema,
  renderMarkdownInputSchema,
  testCaseInputSchema,
  testCasePreviewSchema,
  testCaseSchema,
  testCaseUpdateSchema,
} from '../problems.ts';
import { referenceCheckEventSchema, referenceCheckInputSchema } from '../referenceCheck.ts';
import { z } from '../zodMini.ts';
import { type ApiRoute, file, json, NDJSON, noContent } from './apiRoute.ts';

/** `?slug=` names the imported problem instead of the archive. */
export const problemImportQuerySchema = z.object({ slug: z.optional(problemSlugSchema) });

/** A problem as the server sends it (`tags` as stored: the input's are deduplicated). */
export const problemSchema = z.extend(publicProblemSchema, { tags: z.array(z.string()) });
export const problemImportedSchema = z.object({
  slug: z.string(),
  format: z.enum(['codestream', 'kattis']),
  samples: z.number(),
  hidden: z.number(),
});

/** Content types a zip upload may be sent with. */
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'] as const;
const slug = { slug: 'A problem slug.' };
const testParams = { ...slug, id: 'A test case id.' };
const problemNotFound = 'Problem not found (drafts are not found by those who may not see them).';
const testNotFound = 'No such problem or test case.';
const slugTaken = 'Another problem has this slug.';
const tooLarge = 'The body is larger than the limit (MAX_IMPORT_BYTES for archives).';

export const PROBLEM_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/problems',
    summary: 'Searches the problem bank (members see published problems only).',
    tag: 'Problems',
    access: 'signed-in',
    query: problemListQuerySchema,
    responses: { 200: json(problemListSchema, 'One page of problems.') },
  },
  {
    method: 'post',
    path: '/api/problems',
    summary: 'Adds a problem (bodies up to 2 MiB).',
    tag: 'Problems',
    access: 'author',
    body: { json: problemInputSchema },
    responses: {
      201: json(problemSchema, 'The new problem (Location names it).'),
      409: slugTaken,
      413: 'The body is larger than 2 MiB.',
      415: 'The body is not JSON.',
    },
  },
  {
    method: 'get',
    path: '/api/problems/:slug',
    summary: 'A problem: statement, samples, limits; a custom checker’s code for authors only.',
    tag: 'Problems',
    access: 'signed-in',
    params: slug,
    responses: { 200: json(problemSchema, 'The problem.'), 404: problemNotFound },
  },
  {
    method: 'put',
    path: '/api/problems/:slug',
    summary: 'Replaces a problem (its slug may change).',
    tag: 'Problems',
    access: 'author',
    params: slug,
    body: { json: problemInputSchema },
    responses: {
      200: json(problemSchema, 'The problem as stored.'),
      404: problemNotFound,
      409: slugTaken,
      413: 'The body is larger than 2 MiB.',
      415: 'The body is not JSON.',
    },
  },
  {
    method: 'delete',
    path: '/api/problems/:slug',
    summary: 'Deletes a problem and its tests (submissions stay).',
    tag: 'Problems',
    access: 'author',
    params: slug,
    responses: { 204: noContent('Deleted.'), 404: problemNotFound },
  },
  {
    method: 'post',
    path: '/api/render-markdown',
    summary: 'Renders a statement as the problem page shows it (a preview for the editor).',
    tag: 'Problems',
    access: 'author',
    body: { json: renderMarkdownInputSchema },
    responses: { 200: json(z.object({ html: z.string() }), 'Sanitised HTML.'), 415: 'The body is not JSON.' },
  },
  {
    method: 'get',
    path: '/api/problems/:slug/tests',
    summary: 'A problem’s test cases in judging order, texts cut to 64 KiB.',
    tag: 'Problems',
    access: 'author',
    params: slug,
    responses: { 200: json(z.array(testCasePreviewSchema), 'The tests.'), 404: problemNotFound },
  },
  {
    method: 'post',
    path: '/api/problems/:slug/tests',
    summary: 'Adds a test case.',
    tag: 'Problems',
    access: 'author',
    params: slug,
    body: { json: testCaseInputSchema },
    responses: {
      201: json(testCaseSchema, 'The new test.'),
      400: 'Invalid test, too large (MAX_TEST_BYTES), or past the problem’s bounds.',
      404: problemNotFound,
      413: tooLarge,
      415: 'The body is not JSON.',
    },
  },
  {
    method: 'post',
    path: '/api/problems/:slug/tests/bulk',
    summary: 'Adds many test cases (or replaces them all): JSON, or a zip of NAME.in + NAME.ans pairs.',
    description: 'A zip body takes `?replace=true` to replace the tests; JSON says it in `replace`.',
    tag: 'Problems',
    access: 'author',
    params: slug,
    query: z.object({ replace: z.optional(z.enum(['true', 'false'])) }),
    body: { json: bulkTestsInputSchema, fileTypes: ZIP_TYPES },
    responses: {
      201: json(z.object({ added: z.number() }), 'How many tests were added.'),
      400: 'Invalid tests or archive, or past the problem’s bounds; nothing was changed.',
      404: problemNotFound,
      413: tooLarge,
      415: 'The body is neither JSON nor a zip.',
      503: 'Too many archives are being read: try again (Retry-After).',
    },
  },
  {
    method: 'post',
    path: '/api/problems/:slug/reference-check',
    summary: 'Judges a reference solution against every test, or generates the expected outputs from it.',
    description:
      'The judge’s events stream as NDJSON while the tests run (a test event never carries output). Every test must pass: the `finished` event says whether all did. With `generateOutputs`, outputs are not checked but written as each test’s expected output, only when the program ran fine on every test; `outputs-saved` then ends the stream.',
    tag: 'Problems',
    access: 'author',
    params: slug,
    body: { json: referenceCheckInputSchema },
    responses: {
      200: {
        contentType: NDJSON,
        items: referenceCheckEventSchema,
        description: 'The events, one a line, as they happen.',
      },
      400: 'Invalid body, a problem without tests, or outputs asked of an interactive problem.',
      404: problemNotFound,
    },
  },
  {
    method: 'get',
    path: '/api/problems/:slug/tests/:id',
    summary: 'One test case, whole.',
    tag: 'Problems',
    access: 'author',
    params: testParams,
    responses: { 200: json(testCaseSchema, 'The test.'), 404: testNotFound },
  },
  {
    method: 'put',
    path: '/api/problems/:slug/tests/:id',
    summary: 'Replaces a test case, optionally moving it within its kind.',
    tag: 'Problems',
    access: 'author',
    params: testParams,
    body: { json: testCaseUpdateSchema },
    responses: {
      200: json(testCaseSchema, 'The test as stored.'),
      400: 'Invalid test, too large, or past the problem’s bounds.',
      404: testNotFound,
      413: tooLarge,
      415: 'The body is not JSON.',
    },
  },
  {
    method: 'delete',
    path: '/api/problems/:slug/tests/:id',
    summary: 'Deletes a test case.',
    tag: 'Problems',
    access: 'author',
    params: testParams,
    responses: { 204: noContent('Deleted.'), 404: testNotFound },
  },
  {
    method: 'get',
    path: '/api/problems/:slug/export',
    summary: 'Downloads a problem and all its tests as a CodeStream zip archive.',
    tag: 'Problems',
    access: 'author',
    params: slug,
    responses: { 200: file('application/zip', 'The archive.'), 404: problemNotFound },
  },
  {
    method: 'post',
    path: '/api/problems/import',
    summary: 'Adds a problem from a zip: a CodeStream archive or an ICPC/Kattis problem package.',
    tag: 'Problems',
    access: 'author',
    query: problemImportQuerySchema,
    body: { fileTypes: ZIP_TYPES },
    responses: {
      201: json(problemImportedSchema, 'The new problem and how many tests it got (Location names it).'),
      400: 'The archive is not a valid problem (`details` names what is wrong).',
      409: slugTaken,
      413: tooLarge,
      415: 'The body is not a zip.',
      503: 'Too many archives are being read: try again (Retry-After).',
    },
  },
];
