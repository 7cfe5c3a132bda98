import { appendRunEvent, isRunFinished, type RunView, type ServerMessage } from '@codestream/shared';

export interface RunUpdate {
  run: RunView | null;
  /** Set when the message is a refusal to show to this person. */
  refused?: string;
}

/**
 * Folds one server message into the run this client shows. Never mutates `run`: the
 * UI compares references to know what changed.
 */
export function applyServerMessage(run: RunView | null, message: ServerMessage): RunUpdate {
  switch (message.type) {
    case 'room-state':
      return { run: message.run ? { ...message.run, events: [...message.run.events] } : null };
    case 'run-started':
      return { run: { ...message.run, events: [] } };
    case 'run-event': {
      // Events of another run are late frames of a run this client already replaced.
      if (!run || run.id !== message.runId || isRunFinished(run)) return { run };
      const events = [...run.events];
      appendRunEvent(events, message.event);
      return { run: { ...run, events } };
    }
    case 'refused':
      return { run, refused: message.message };
    // Submissions are folded by submissionState.ts; a room's run stays shown beside them.
    case 'submission-started':
    case 'submission-event':
    // Settings, refused updates and storage states are handled by RoomConnection.
    case 'settings':
    case 'update-refused':
    case 'storage':
    // Chat, following, the class and notices are held by RoomConnection too.
    case 'chat':
    case 'chat-history':
    case 'follow':
    case 'class':
    case 'notice':
      return { run };
    default: {
      const unreachable: never = message;
      throw new Error(`unhandled server message ${JSON.stringify(unreachable)}`);
    }
  }
}

export type RunPhase = 'idle' | 'starting' | 'running' | 'finished';

/** `starting`: requested but the program has not started yet (sandbox is being prepared). */
export function runPhase(run: RunView | null): RunPhase {
  if (!run) return 'idle';
  if (isRunFinished(run)) return 'finished';
  return run.events.some((e) => e.type === 'started') ? 'running' : 'starting';
}

/**
 * Where a run that has not started waits in the judge's queue (1 = next), or null when
 * it is not waiting (never queued, or started since).
 */
export function queuePosition(run: RunView | null): number | null {
  if (!run || runPhase(run) !== 'starting') return null;
  for (let i = run.events.length - 1; i >= 0; i--) {
    const event = run.events[i];
    if (event?.type === 'queued') return event.position;
  }
  return null;
}

export function isRunActive(run: RunView | null): boolean {
  const phase = runPhase(run);
  return phase === 'starting' || phase === 'running';
}
