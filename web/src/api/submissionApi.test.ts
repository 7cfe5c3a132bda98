import { describe, expect, it } from 'vitest';
import { getSubmission, listMySubmissions, listProblemSubmissions, listRoomSubmissions } from './submissionApi.ts';

const summary = {
  id: '0f8a6c1e-2b7d-4c3e-9a55-1d2e3f4a5b6c',
  roomId: 'abcdefghij_-KLMNOP12',
  problemSlug: 'two-sum',
  submittedBy: 'Ada',
  language: 'python',
  requestedAt: '2024-01-01T00:00:00.000Z',
  verdict: null,
  passed: 0,
  total: 3,
  totalMs: null,
  stopped: false,
};

function fakeFetch(body: unknown, seen: string[]): typeof fetch {
  return async (input) => {
    seen.push(String(input));
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('submission lists', () => {
  it('read the server’s summaries (verdict null while judged) from each list', async () => {
    const seen: string[] = [];
    const answer = {
      items: [
        summary,
        { ...summary, id: 'b', verdict: 'wrong-answer', passed: 1, totalMs: 80 },
        { ...summary, id: 'c', verdict: 'internal-error', totalMs: 30, stopped: true },
      ],
    };
    await expect(listRoomSubmissions(summary.roomId, undefined, fakeFetch(answer, seen))).resolves.toEqual(
      answer.items,
    );
    await listProblemSubmissions('two sum', undefined, fakeFetch(answer, seen));
    await listMySubmissions(undefined, fakeFetch(answer, seen));
    expect(seen).toEqual([
      `/api/rooms/${summary.roomId}/submissions`,
      '/api/problems/two%20sum/submissions',
      '/api/users/me/submissions',
    ]);
  });

  it('reads one submission with its code and view', async () => {
    const seen: string[] = [];
    const view = {
      id: summary.id,
      submittedBy: 'Ada',
      language: 'python',
      problemSlug: 'two-sum',
      requestedAt: 1,
      total: 3,
      events: [{ type: 'finished', verdict: 'accepted', passed: 3, total: 3, totalMs: 40 }],
    };
    const detail = { ...summary, verdict: 'accepted', code: 'print(1)\n', view };
    await expect(getSubmission(summary.id, undefined, fakeFetch(detail, seen))).resolves.toEqual(detail);
    expect(seen).toEqual([`/api/submissions/${summary.id}`]);
  });
});
