import type { ApiJobAccepted, ApiRun, ApiSubmission, ApiTokenCreated, RunEvent, SubmitEvent } from '@codestream/shared';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Session } from './clients.ts';

// Clients of the integration API (/api/v1), as an integrator's script uses it: a bearer
// token, no cookies, no Origin.

/** A new API token made by `admin` (for `ownerId`, else for the admin). */
export async function createToken(admin: Session, name = 'test token', ownerId?: string): Promise<ApiTokenCreated> {
  const res = await admin.fetch('/api/admin/api-tokens', {
    method: 'POST',
    json: { name, ...(ownerId ? { ownerId } : {}) },
  });
  if (res.status !== 201) throw new Error(`create token: ${res.status} ${await res.text()}`);
  return (await res.json()) as ApiTokenCreated;
}

export type ApiClient = ReturnType<typeof apiClient>;

/** Requests with `Authorization: Bearer <token>`, as curl would send them. */
export function apiClient(server: RoomServer, token: string) {
  const fetchApi = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${server.url}${path}`, { ...init, headers, body });
  };
  return {
    fetch: fetchApi,
    post: (path: string, json: unknown) => fetchApi(path, { method: 'POST', json }),
    /** POSTs a job and returns its 202 answer. */
    async accepted(path: string, json: unknown): Promise<ApiJobAccepted> {
      const res = await fetchApi(path, { method: 'POST', json });
      if (res.status !== 202) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as ApiJobAccepted;
    },
    /** Polls the job (every 250 ms: polls count toward the rate limit) until it is no longer queued or running. */
    async settled<T extends ApiRun | ApiSubmission>(self: string, timeoutMs = 60_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await fetchApi(self);
        if (res.status !== 200) throw new Error(`GET ${self}: ${res.status} ${await res.text()}`);
        const job = (await res.json()) as T;
        if (job.status !== 'queued' && job.status !== 'running') return job;
        if (Date.now() > deadline) throw new Error(`${self} still ${job.status} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
  };
}

/** The lines of an NDJSON answer, each with the time (ms since the request) it arrived. */
export async function readNdjson<E = RunEvent | SubmitEvent>(res: Response): Promise<{ at: number; event: E }[]> {
  const started = Date.now();
  const lines: { at: number; event: E }[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffered += decoder.decode(chunk.value, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      lines.push({ at: Date.now() - started, event: JSON.parse(buffered.slice(0, newline)) as E });
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  }
  if (buffered !== '') throw new Error(`stream ended inside a line: ${buffered}`);
  return lines;
}
