import { type ExitEvent, type Judge, type RunEvent, type RunRequest, runEventSchema } from '@codestream/shared';
import { errorExit, STOPPED_MESSAGE } from './exitStatus.ts';
import { LineSplitter } from './LineSplitter.ts';

export interface RemoteJudgeOptions {
  /** Base URL of a judge service (judge/src/main.ts), e.g. http://127.0.0.1:8081 */
  url: string;
  token: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/**
 * A Judge that runs code through the standalone judge service (JudgeService.ts) over
 * HTTP. Every line of the NDJSON response is validated; transport failures become an
 * `exit` event with outcome `error`, so callers handle one shape of failure.
 */
export class RemoteJudge implements Judge {
  readonly #runsUrl: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;
  /** Aborts every request in flight when the client closes. */
  readonly #closeController = new AbortController();
  closing: Promise<void> | undefined;

  constructor(options: RemoteJudgeOptions) {
    this.#runsUrl = new URL('runs', options.url.endsWith('/') ? options.url : `${options.url}/`).href;
    this.#token = options.token;
    this.#fetch = options.fetch ?? fetch;
  }

  run(request: RunRequest, signal: AbortSignal): AsyncIterable<RunEvent> {
    return this.#events(request, signal);
  }

  async *#events(request: RunRequest, signal: AbortSignal): AsyncGenerator<RunEvent, void, undefined> {
    if (this.closing) {
      yield errorExit('The code runner is shutting down.');
      return;
    }
    // `local` disconnects when the consumer stops iterating early, so the service kills the run.
    const local = new AbortController();
    const combined = AbortSignal.any([signal, this.#closeController.signal, local.signal]);
    let startedAt: number | undefined;
    // Aborting the fetch disconnects, which makes the service kill the run; the service's
    // own `stopped` event can then no longer reach us, so it is synthesized here.
    const stopped = (): ExitEvent => ({
      type: 'exit',
      outcome: 'stopped',
      code: null,
      signal: startedAt === undefined ? null : 'SIGKILL',
      durationMs: startedAt === undefined ? 0 : Math.round(performance.now() - startedAt),
      message: STOPPED_MESSAGE,
    });
    if (combined.aborted) {
      yield stopped();
      return;
    }
    try {
      const response = await this.#fetch(this.#runsUrl, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.#token}`,
          'Content-Type': 'application/json',
          Accept: 'application/x-ndjson',
        },
        body: JSON.stringify(request),
        signal: combined,
      });
      if (!response.ok || !response.body) {
        const detail = await response.text().catch(() => '');
        yield errorExit(
          `The code runner refused the run (HTTP ${response.status}${detail ? `: ${detail.slice(0, 500)}` : ''}).`,
        );
        return;
      }
      const decoder = new TextDecoder();
      const lines = new LineSplitter();
      const parse = (line: string): RunEvent => {
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          throw new ProtocolError('a line is not JSON');
        }
        const result = runEventSchema.safeParse(json);
        if (!result.success) throw new ProtocolError(`invalid event: ${result.error.message}`);
        return result.data;
      };
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const line of lines.push(decoder.decode(value, { stream: true }))) {
          const event = parse(line);
          if (event.type === 'started') startedAt = performance.now();
          yield event;
          if (event.type === 'exit') {
            await drain(reader);
            return;
          }
        }
      }
      const last = lines.push(decoder.decode()).concat(lines.end() ?? []);
      for (const line of last) {
        const event = parse(line);
        yield event;
        if (event.type === 'exit') return;
      }
      yield errorExit('The code runner closed the connection before the run finished.');
    } catch (err) {
      if (combined.aborted) {
        yield stopped();
        return;
      }
      yield errorExit(
        err instanceof ProtocolError
          ? `The code runner sent an invalid response (${err.message}).`
          : `The code runner could not be reached: ${describeFetchError(err)}`,
      );
    } finally {
      local.abort();
    }
  }

  close(): Promise<void> {
    this.closing ??= Promise.resolve().then(() => this.#closeController.abort());
    return this.closing;
  }
}

/** The service answered something that is not a valid NDJSON stream of RunEvents. */
class ProtocolError extends Error {
  readonly reason = 'protocol';
}

/**
 * Reads the response to its end after the `exit` line: the service ends it once the
 * container is removed, so a caller whose loop finishes knows the sandbox is gone.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done) {
      // Nothing may follow `exit`; whatever does is ignored.
    }
  } catch {
    // The run is complete; a connection dropped during cleanup changes nothing for the caller.
  }
}

/** undici hides the useful part (ECONNREFUSED, …) in `cause`. */
function describeFetchError(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}
