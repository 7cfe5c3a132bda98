import type { ServerMessage } from '@codestream/shared';
import type { JobSlot } from './JobSlot.ts';
import type { RoomChat } from './RoomChat.ts';
import type { RoomFollow } from './RoomFollow.ts';
import type { RoomJobs } from './RoomJobs.ts';
import type { RoomLink, RoomRelayMessage } from './RoomRelay.ts';
import type { RoomSettingsHolder } from './RoomSettingsHolder.ts';
import type { RunJob } from './runJobKind.ts';
import type { SubmissionJob } from './submissionJobKind.ts';

export interface RoomMirrorParts {
  link: RoomLink;
  slot: JobSlot;
  runs: RoomJobs<RunJob>;
  submissions: RoomJobs<SubmissionJob>;
  chat: RoomChat;
  follow: RoomFollow;
  settings: RoomSettingsHolder;
  /** Sends to this server's clients of the room only. */
  broadcast(message: ServerMessage): void;
}

/**
 * A loaded room's side of its copies on other servers: what they did (their jobs' events,
 * chat, follow, language) is applied here and sent to this server's clients; a server
 * that just loaded the room is told what runs or leads here; Stop pressed elsewhere stops
 * the job running here.
 */
export class RoomMirror {
  constructor(private readonly parts: RoomMirrorParts) {}

  /** What this room sends its own clients that the other servers' clients must see too. */
  relay(message: ServerMessage): void {
    this.parts.link.publish({ type: 'message', payload: message });
  }

  receive(message: RoomRelayMessage): void {
    const { runs, submissions, slot } = this.parts;
    switch (message.type) {
      case 'message':
        this.apply(message.payload);
        break;
      case 'hello':
        this.greet();
        break;
      case 'job-state':
        if (message.payload.kind === 'run') runs.mirrorState(message.payload.view);
        else submissions.mirrorState(message.payload.view);
        break;
      case 'stop-job': {
        const { jobId } = message.payload;
        if (runs.runningHere?.id === jobId || submissions.runningHere?.id === jobId) slot.stopHere();
        break;
      }
      default:
        message satisfies never;
    }
  }

  private apply(message: ServerMessage): void {
    const { runs, submissions, chat, follow, settings, broadcast } = this.parts;
    switch (message.type) {
      case 'run-started':
        runs.mirrorStarted({ ...message.run, events: [] });
        break;
      case 'run-event':
        runs.mirrorEvent(message.runId, message.event);
        break;
      case 'submission-started':
        submissions.mirrorStarted({ ...message.submission, events: [] });
        break;
      case 'submission-event':
        submissions.mirrorEvent(message.submissionId, message.event);
        break;
      case 'chat':
        chat.remember(message.message);
        broadcast(message);
        break;
      case 'follow':
        follow.setElsewhere(message.leader);
        broadcast(message);
        break;
      case 'settings':
        // Only the language travels this way (controls and session reach every server as access changes).
        if (settings.adopt(message.settings.language)) broadcast({ type: 'settings', settings: settings.current });
        break;
      default:
        // Room state, refusals, storage and class news: each server sends its own.
        break;
    }
  }

  /** Tells a server that just loaded the room what runs and who leads here. */
  private greet(): void {
    const { link, runs, submissions, follow } = this.parts;
    const run = runs.runningHere;
    if (run) link.publish({ type: 'job-state', payload: { kind: 'run', view: run } });
    const submission = submissions.runningHere;
    if (submission) link.publish({ type: 'job-state', payload: { kind: 'submission', view: submission } });
    const leader = follow.leaderHere;
    if (leader) this.relay({ type: 'follow', leader });
  }
}
