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
import type { RunInputs } from './RunInputs.ts';

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
  /** Live input of the runs started with an empty Input box. */
  inputs: RunInputs;
}

/** The runs of a room: the program run once on the room's input, its output streamed. */
export function runJobKind({ roomId, judge, store, limits, inputs }: RunJobKindOptions): JobKind<RunJob> {
  return {
    noun: 'run',
    refuse: ({ code, stdin }) => {
      if (Buffer.byteLength(stdin) > MAX_STDIN_BYTES) return `The input is larger than ${MAX_STDIN_BYTES / 1024} KiB.`;
      return codeRefusal(code);
    },
    // An empty Input box: the program's input is typed while it runs (live), else the box is all of it.
    view: ({ startedBy, language, stdin }, id, requestedAt) => ({
      id,
      startedBy,
      language,
      requestedAt,
      ...(stdin === '' ? { live: true } : {}),
      events: [],
    }),
    title: (view) => `A run started by ${view.startedBy}`,
    prepare: async (_view, { language, code, stdin }, requestId) => ({
      language,
      code,
      stdin,
      limits,
      queueKey: roomId,
      requestId,
    }),
    judge: (request, signal, view) =>
      view.live
        ? liveRun(judge.run(request, signal, { stdin: inputs.channel(view.id) }), inputs, view.id)
        : judge.run(request, signal),
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
    finish: (view, exit, ifUnfinished) => {
      // A line typed while the judge was being asked, for a run that never got to it.
      inputs.close(view.id);
      return store.finishRun(view.id, view.events, exit, ifUnfinished);
    },
  };
}

/** A live run's events; its input ends when they do (the judge stops reading it then). */
async function* liveRun(events: AsyncIterable<RunEvent>, inputs: RunInputs, runId: string): AsyncGenerator<RunEvent> {
  try {
    yield* events;
  } finally {
    inputs.close(runId);
  }
}

/** Why the room's code cannot be run or submitted, or null. */
export function codeRefusal(code: string): string | null {
  return Buffer.byteLength(code) > MAX_CODE_BYTES ? `The program is larger than ${MAX_CODE_BYTES / 1024} KiB.` : null;
}
