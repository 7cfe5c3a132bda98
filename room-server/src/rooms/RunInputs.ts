import {
  MAX_STDIN_BYTES,
  MAX_STDIN_CHUNK_BYTES,
  type RunView,
  StdinChannel,
  type StdinChunk,
} from '@codestream/shared';

/** Longest name an echoed line carries (StdinChunk's `by`). */
const MAX_BY_CHARS = 200;

/**
 * The live input of the runs this server runs, one StdinChannel per run: open from the
 * first line typed or the judge's start, whichever comes first, until the run ends.
 */
export class RunInputs {
  readonly #channels = new Map<string, StdinChannel>();

  /** The run's live stdin (created on first use). */
  channel(runId: string): StdinChannel {
    let channel = this.#channels.get(runId);
    if (!channel) {
      channel = new StdinChannel();
      this.#channels.set(runId, channel);
    }
    return channel;
  }

  /** The run ended: its input ends with it. */
  close(runId: string): void {
    this.#channels.get(runId)?.end();
    this.#channels.delete(runId);
  }
}

/** A typed line as the judge gets it, with who typed it. */
export function stdinChunk(data: string, eof: boolean | undefined, by: string): StdinChunk {
  return { data, ...(eof ? { eof: true } : {}), by: by.slice(0, MAX_BY_CHARS) };
}

/**
 * Why `chunk` cannot go to the room's active run now, or null. Checked by the server the
 * typist is on, and again by the one running the program (what it has echoed so far counts).
 */
export function inputRefusal(run: RunView | null, chunk: Pick<StdinChunk, 'data' | 'eof'>): string | null {
  if (!run) return 'No program is running: press Run first.';
  if (!run.live) return 'This run reads the Input box: clear the box before Run to type into the program instead.';
  const bytes = Buffer.byteLength(chunk.data);
  if (bytes > MAX_STDIN_CHUNK_BYTES) return `A line of input is at most ${MAX_STDIN_CHUNK_BYTES / 1024} KiB.`;
  let given = 0;
  for (const event of run.events) {
    if (event.type !== 'input') continue;
    if (event.eof) return 'The program’s input has ended (end of file was sent).';
    given += Buffer.byteLength(event.data);
  }
  if (given + bytes > MAX_STDIN_BYTES) return `A run takes at most ${MAX_STDIN_BYTES / 1024} KiB of typed input.`;
  return null;
}
