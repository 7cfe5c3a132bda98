import {
  appendRunEvent,
  type ExitEvent,
  type Judge,
  type LanguageId,
  MAX_CODE_BYTES,
  MAX_STDIN_BYTES,
  mergeRunOutput,
  type RunEvent,
  type RunLimits,
  type RunRequest,
  type RunView,
} from '@codestream/shared';
import type { JobKind } from './RoomJobs.ts';
import type { RoomStore } from './RoomStore.ts';

/** Output merged into one frame goes at once past this size, without waiting for the rest of its few milliseconds. */
const MAX_MERGED_CHARS = 64 * 1024;

/** A participant's Run: the room's code and input as they are now. */
export interface RunInput {
  startedBy: string;
  language: LanguageId;
  code: string;
  stdin: string;
}

export interface RunJob {
  view: RunView;
  event: RunEvent;
  final: ExitEvent;
  input: RunInput;
  request: RunRequest;
}

export interface RunJobKindOptions {
  roomId: string;
  judge: Judge;
  store: Pick<RoomStore, 'insertRun' | 'finishRun'>;
  limits: RunLimits;
}

/** The runs of a room: the program run once on the room's input, its output streamed. */
export function runJobKind({ roomId, judge, store, limits }: RunJobKindOptions): JobKind<RunJob> {
  return {
    noun: 'run',
    refuse: ({ code, stdin }) => {
      if (Buffer.byteLength(stdin) > MAX_STDIN_BYTES) return `The input is larger than ${MAX_STDIN_BYTES / 1024} KiB.`;
      return codeRefusal(code);
    },
    view: ({ startedBy, language }, id, requestedAt) => ({ id, startedBy, language, requestedAt, events: [] }),
    title: (view) => `A run started by ${view.startedBy}`,
    prepare: async (_view, { language, code, stdin }, requestId) => ({
      language,
      code,
      stdin,
      limits,
      queueKey: roomId,
      requestId,
    }),
    judge: (request, signal) => judge.run(request, signal),
    // Consecutive output of one stream is merged, so a long run's view stays a short list.
    fold: (view, event) => appendRunEvent(view.events, event),
    coalesce: {
      holds: (event) => event.type === 'output',
      merge: (held, next) => {
        const merged = mergeRunOutput(held, next);
        return merged?.type === 'output' && merged.data.length > MAX_MERGED_CHARS ? null : merged;
      },
    },
    isFinal: (event) => event.type === 'exit',
    unfinished: (view, { stopped, reason }) => ({
      type: 'exit',
      outcome: stopped ? 'stopped' : 'error',
      code: null,
      signal: null,
      durationMs: Date.now() - view.requestedAt,
      message: stopped ? 'The run was stopped.' : (reason ?? 'The judge stopped unexpectedly. Try again.'),
    }),
    started: ({ events: _events, ...run }) => ({ type: 'run-started', run }),
    event: (view, event) => ({ type: 'run-event', runId: view.id, event }),
    insert: (view, { code, stdin }) =>
      store.insertRun({
        _id: view.id,
        roomId,
        startedBy: view.startedBy,
        language: view.language,
        code,
        stdin,
        requestedAt: new Date(view.requestedAt),
      }),
    finish: (view, exit, ifUnfinished) => store.finishRun(view.id, view.events, exit, ifUnfinished),
  };
}

/** Why the room's code cannot be run or submitted, or null. */
export function codeRefusal(code: string): string | null {
  return Buffer.byteLength(code) > MAX_CODE_BYTES ? `The program is larger than ${MAX_CODE_BYTES / 1024} KiB.` : null;
}
