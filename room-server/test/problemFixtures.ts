import type { ProblemInputBody, PublicProblem, TestCaseInput } from '@codestream/shared';
import { strToU8, zipSync } from 'fflate';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { createTestJudge, openTestDatabase, type Session, signedIn, startTestServer } from './harness.ts';

/** A server on its own database, with a signed-in admin, author, host and member. */
export async function startProblemBank() {
  const database: Database = await openTestDatabase();
  const judge = createTestJudge();
  const server: RoomServer = await startTestServer({ database, judge });
  const [admin, author, host, member] = await Promise.all([
    signedIn(server, database, 'admin'),
    signedIn(server, database, 'author'),
    signedIn(server, database, 'host'),
    signedIn(server, database, 'member'),
  ]);
  return {
    database,
    server,
    admin,
    author,
    host,
    member,
    async close() {
      await server.close();
      await judge.close();
      await database.close();
    },
  };
}

export function problemBody(overrides: Partial<ProblemInputBody> = {}): ProblemInputBody {
  return {
    slug: 'sum-of-two',
    title: 'Sum of Two',
    statement: '# Sum\n\nAdd **two** numbers.',
    difficulty: 'easy',
    tags: ['math'],
    visibility: 'published',
    starterCode: { python: 'a, b = map(int, input().split())\n' },
    ...overrides,
  };
}

export async function createProblem(
  author: Session,
  overrides: Partial<ProblemInputBody> = {},
): Promise<PublicProblem> {
  const res = await author.fetch('/api/problems', { method: 'POST', json: problemBody(overrides) });
  if (res.status !== 201) throw new Error(`create problem: ${res.status} ${await res.text()}`);
  return (await res.json()) as PublicProblem;
}

export async function addTests(author: Session, slug: string, tests: TestCaseInput[]): Promise<void> {
  const res = await author.fetch(`/api/problems/${slug}/tests/bulk`, { method: 'POST', json: { tests } });
  if (res.status !== 201) throw new Error(`add tests: ${res.status} ${await res.text()}`);
}

export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));
}

/** POSTs a zip body as a browser's fetch would. */
export function postZip(session: Session, path: string, zip: Uint8Array): Promise<Response> {
  // A copy typed as ArrayBuffer-backed, which fetch's BodyInit requires.
  return session.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/zip' },
    body: new Uint8Array(zip),
  });
}

export interface ErrorBody {
  error: { message: string; details?: { path: string; message: string }[] };
}
