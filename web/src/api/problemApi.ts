import {
  type Difficulty,
  type ProblemInputBody,
  problemListSchema,
  publicProblemSchema,
  type TestCaseInput,
  type TestCaseUpdate,
  testCasePreviewSchema,
  testCaseSchema,
  type Visibility,
} from '@codestream/shared';
import * as z from 'zod/mini';
import { type Fetch, queryString, request, requestJson } from '../lib/http.ts';

export interface ProblemQuery {
  q?: string;
  tag?: string;
  difficulty?: Difficulty;
  visibility?: Visibility;
  page?: number;
  pageSize?: number;
}

const problemPath = (slug: string) => `/api/problems/${encodeURIComponent(slug)}`;
const testsPath = (slug: string) => `${problemPath(slug)}/tests`;

export function listProblems(query: ProblemQuery, signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(problemListSchema, `/api/problems${queryString({ ...query })}`, { signal, fetchImpl });
}

export function getProblem(slug: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(publicProblemSchema, problemPath(slug), { signal, fetchImpl });
}

export function createProblem(input: ProblemInputBody, fetchImpl?: Fetch) {
  return requestJson(publicProblemSchema, '/api/problems', { method: 'POST', json: input, fetchImpl });
}

/** Saves `input` over the problem now at `slug` (input.slug may rename it). */
export function updateProblem(slug: string, input: ProblemInputBody, fetchImpl?: Fetch) {
  return requestJson(publicProblemSchema, problemPath(slug), { method: 'PUT', json: input, fetchImpl });
}

export async function deleteProblem(slug: string, fetchImpl?: Fetch): Promise<void> {
  await request(problemPath(slug), { method: 'DELETE', fetchImpl });
}

export async function renderMarkdown(markdown: string, signal?: AbortSignal, fetchImpl?: Fetch): Promise<string> {
  const answer = await requestJson(z.object({ html: z.string() }), '/api/render-markdown', {
    method: 'POST',
    json: { markdown },
    signal,
    fetchImpl,
  });
  return answer.html;
}

/** Where the browser downloads the problem's archive (a plain link: the server sends it as an attachment). */
export function exportUrl(slug: string): string {
  return `${problemPath(slug)}/export`;
}

const importAnswerSchema = z.looseObject({ slug: z.string() });

/** Creates a problem from a zip (CodeStream archive or ICPC/Kattis package). Resolves with its slug. */
export async function importProblem(file: Blob, slug?: string, fetchImpl?: Fetch): Promise<string> {
  const answer = await requestJson(importAnswerSchema, `/api/problems/import${queryString({ slug })}`, {
    method: 'POST',
    body: file,
    contentType: 'application/zip',
    fetchImpl,
  });
  return answer.slug;
}

// The listing is an array today; `{ items }` is accepted too so a paginated answer does not break it.
const testListSchema = z.union([
  z.array(testCasePreviewSchema),
  z.pipe(
    z.object({ items: z.array(testCasePreviewSchema) }),
    z.transform((page) => page.items),
  ),
]);

export function listTests(slug: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(testListSchema, testsPath(slug), { signal, fetchImpl });
}

export function getTest(slug: string, id: string, fetchImpl?: Fetch) {
  return requestJson(testCaseSchema, `${testsPath(slug)}/${encodeURIComponent(id)}`, { fetchImpl });
}

export function addTest(slug: string, test: TestCaseInput, fetchImpl?: Fetch) {
  return requestJson(testCaseSchema, testsPath(slug), { method: 'POST', json: test, fetchImpl });
}

export function updateTest(slug: string, id: string, test: TestCaseUpdate, fetchImpl?: Fetch) {
  return requestJson(testCaseSchema, `${testsPath(slug)}/${encodeURIComponent(id)}`, {
    method: 'PUT',
    json: test,
    fetchImpl,
  });
}

export async function deleteTest(slug: string, id: string, fetchImpl?: Fetch): Promise<void> {
  await request(`${testsPath(slug)}/${encodeURIComponent(id)}`, { method: 'DELETE', fetchImpl });
}

/** Uploads a zip of NAME.in + NAME.ans pairs. Resolves with how many tests were added. */
export async function uploadTests(slug: string, zip: Blob, replace: boolean, fetchImpl?: Fetch): Promise<number> {
  const answer = await requestJson(
    z.object({ added: z.number() }),
    `${testsPath(slug)}/bulk${queryString({ replace: replace ? 'true' : undefined })}`,
    { method: 'POST', body: zip, contentType: 'application/zip', fetchImpl },
  );
  return answer.added;
}
