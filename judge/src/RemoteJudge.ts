import { randomUUID } from 'node:crypto';
import {
  type Judge,
  pipeStdin,
  type RunEvent,
  type RunOptions,
  type RunRequest,
  type StdinChunk,
  type SubmitEvent,
  type SubmitRequest,
} from '@codestream/shared';
import { type JobStream, runStream, submitStream } from './jobStreams.ts';
import { LineSplitter } from './LineSplitter.ts';
import { REQUEST_ID_HEADER, STDIN_ID_HEADER } from './requestContext.ts';

export interface RemoteJudgeOptions {
  /** Base URL of a judge service (judge/src/main.ts), e.g. http://127.0.0.1:8081 */
  url: string;
  token: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/**
 * A Judge that runs code through the standalone judge service (JudgeService.ts) over
 * HTTP. Every line of the NDJSON response is validated; transport failures become a
 * final event (`exit` with outcome `error`, or `finished` with `internal-error`), so
 * callers handle one shape of failure.
 */
export class RemoteJudge implements Judge {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;
  /** Aborts every request in flight when the client closes. */
  readonly #closeController = new AbortController();
  closing: Promise<void> | undefined;

  constructor(options: RemoteJudgeOptions) {
    this.#baseUrl = options.url.endsWith('/') ? options.url : `${options.url}/`;
    this.#token = options.token;
    this.#fetch = options.fetch ?? fetch;
  }

  run(request: RunRequest, signal: AbortSignal, options: RunOptions = {}): AsyncIterable<RunEvent> {
    const { stdin } = options;
    if (!stdin) return this.#stream(request, request.requestId, signal, 'runs', runStream());
    const live = { id: randomUUID(), stdin };
    return this.#stream({ ...request, liveStdin: true }, request.requestId, signal, 'runs', runStream(), live);
  }

  submit(request: SubmitRequest, signal: AbortSignal): AsyncIterable<SubmitEvent> {
    return this.#stream(request, request.requestId, signal, 'submissions', submitStream(request));
  }

  /**
   * The service's GET /health: its problems (Docker unreachable, an image missing), or
   * why it could not be asked.
   */
  async checkReady(): Promise<string[]> {
    try {
      const response = await this.#fetch(new URL('health', this.#baseUrl).href, {
        signal: AbortSignal.any([AbortSignal.timeout(HEALTH_TIMEOUT_MS), this.#closeController.signal]),
      });
      if (response.ok) return [];
      const body: unknown = await response.json().catch(() => null);
      const problems = (body as { problems?: unknown } | null)?.problems;
      if (Array.isArray(problems) && problems.length > 0 && problems.every((p) => typeof p === 'string')) {
        return problems.map((problem) => `The judge service is not ready: ${problem}`);
      }
      return [`The judge service answered HTTP ${response.status} to /health.`];
    } catch (err) {
      return [`The judge service could not be reached: ${describeFetchError(err)}`];
    }
  }

  async *#stream<E>(
    body: unknown,
    requestId: string | undefined,
    signal: AbortSignal,
    path: string,
    kind: JobStream<E>,
    live?: { id: string; stdin: AsyncIterable<StdinChunk> },
  ): AsyncGenerator<E, void, undefined> {
    if (this.closing) return yield kind.failed('The code runner is shutting down.');
    // `local` disconnects when the consumer stops iterating early, so the service kills the job.
    const local = new AbortController();
    const combined = AbortSignal.any([signal, this.#closeController.signal, local.signal]);
    if (combined.aborted) return yield kind.stopped();
    try {
      const response = await this.#fetch(new URL(path, this.#baseUrl).href, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.#token}`,
          'Content-Type': 'application/json',
          Accept: 'application/x-ndjson',
          // The service's own lines of this HTTP request then carry the job's id too.
          ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
          ...(live ? { [STDIN_ID_HEADER]: live.id } : {}),
        },
        body: JSON.stringify(body),
        signal: combined,
      });
      if (!response.ok || !response.body) {
        const detail = await response.text().catch(() => '');
        return yield kind.failed(
          `The code runner refused the request (HTTP ${response.status}${detail ? `: ${detail.slice(0, 500)}` : ''}).`,
        );
      }
      // The service knows the run's stdin id once it answers: input goes from now until the job ends.
      if (live) void this.#sendStdin(live, local.signal);
      const decoder = new TextDecoder();
      const lines = new LineSplitter();
      const parse = (line: string): E => {
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          throw new ProtocolError('a line is not JSON');
        }
        const result = kind.schema.safeParse(json);
        if (!result.success) throw new ProtocolError(`invalid event: ${result.error.message}`);
        kind.onEvent(result.data);
        return result.data;
      };
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const line of lines.push(decoder.decode(value, { stream: true }))) {
          const event = parse(line);
          yield event;
          if (kind.isLast(event)) {
            await drain(reader);
            return;
          }
        }
      }
      for (const line of lines.push(decoder.decode()).concat(lines.end() ?? [])) {
        const event = parse(line);
        yield event;
        if (kind.isLast(event)) return;
      }
      yield kind.failed('The code runner closed the connection before the job finished.');
    } catch (err) {
      if (combined.aborted) return yield kind.stopped();
      yield kind.failed(
        err instanceof ProtocolError
          ? `The code runner sent an invalid response (${err.message}).`
          : `The code runner could not be reached: ${describeFetchError(err)}`,
      );
    } finally {
      local.abort();
    }
  }

  /** Posts each chunk of a run's live input in order; one the service refuses ends it (its run ended). */
  async #sendStdin(live: { id: string; stdin: AsyncIterable<StdinChunk> }, until: AbortSignal): Promise<void> {
    const url = new URL(`runs/stdin/${live.id}`, this.#baseUrl).href;
    await pipeStdin(live.stdin, until, async (chunk) => {
      try {
        const response = await this.#fetch(url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${this.#token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(chunk),
          signal: until,
        });
        await response.body?.cancel();
        return response.ok;
      } catch {
        // The run's own stream reports a service that went away.
        return false;
      }
    });
  }

  close(): Promise<void> {
    this.closing ??= Promise.resolve().then(() => this.#closeController.abort());
    return this.closing;
  }
}

/** A judge service that takes longer than this to say whether it is ready is not. */
const HEALTH_TIMEOUT_MS = 5_000;

/** The service answered something that is not a valid NDJSON stream of events. */
class ProtocolError extends Error {
  readonly reason = 'protocol';
}

/**
 * Reads the response to its end after the last event: the service ends it once the
 * containers are removed, so a caller whose loop finishes knows the sandbox is gone.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done) {
      // Nothing may follow the last event; whatever does is ignored.
    }
  } catch {
    // The job is complete; a connection dropped during cleanup changes nothing for the caller.
  }
}

/** undici hides the useful part (ECONNREFUSED, …) in `cause`. */
function describeFetchError(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}
