import type { ServerMessage } from '@codestream/shared';
import type { JobSlot } from './JobSlot.ts';
import type { RoomChat } from './RoomChat.ts';
import type { RoomFollow } from './RoomFollow.ts';
import type { RoomJobs } from './RoomJobs.ts';
import type { RoomLink, RoomRelayMessage } from './RoomRelay.ts';
import type { RoomSettingsHolder } from './RoomSettingsHolder.ts';
import { inputRefusal, type RunInputs } from './RunInputs.ts';
import type { RunJob } from './runJobKind.ts';
import type { SubmissionJob } from './submissionJobKind.ts';

export interface RoomMirrorParts {
  link: RoomLink;
  slot: JobSlot;
  runs: RoomJobs<RunJob>;
  inputs: RunInputs;
  submissions: RoomJobs<SubmissionJob>;
  chat: RoomChat;
  follow: RoomFollow;
  settings: RoomSettingsHolder;
  /** Sends to this server's clients of the room only. */
  broadcast(message: ServerMessage): void;
  /** People in the room on this server. */
  people(): number;
}

/** What the room's clients are told when the other servers may not hear what happened here. */
export const UNSENT_NOTICE =
  'The servers cannot reach each other just now: people in this room on other servers may not see what just happened here.';
/** The notice is repeated at most this often while messages keep failing. */
const UNSENT_NOTICE_EVERY_MS = 10_000;

/** How long the servers with people in the room have to answer `anyone-here`. */
const ANSWER_MS = 2_000;
/** How often the server running a job nobody here watches asks again whether anyone elsewhere does. */
const ASK_EVERY_MS = 2_000;

/**
 * A loaded room's side of its copies on other servers: what they did (their jobs' events,
 * chat, follow, language) is applied here and sent to this server's clients; a server
 * that just loaded the room is told what runs or leads here; Stop pressed elsewhere stops
 * the job running here.
 */
export class RoomMirror {
  /** Called by the next `here` (the question asked is answered). */
  private readonly answers = new Set<() => void>();
  private keeping = false;
  private noticeAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly parts: RoomMirrorParts) {}

  /**
   * Everyone here left while the room's job runs here: it goes on while people on other
   * servers are in the room (asked every few seconds), and stops once none answer.
   */
  keepJobWhileWatched(): void {
    if (this.keeping) return;
    this.keeping = true;
    const { slot, people } = this.parts;
    void (async () => {
      while (people() === 0 && slot.runsHere) {
        const watched = await this.ask();
        if (people() > 0) break;
        if (!watched) {
          slot.stopHere();
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, ASK_EVERY_MS).unref());
      }
    })().finally(() => {
      this.keeping = false;
    });
  }

  /** Whether another server has people in the room (no answer in time: none). */
  private ask(): Promise<boolean> {
    return new Promise((resolve) => {
      const answered = () => {
        clearTimeout(timer);
        this.answers.delete(answered);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.answers.delete(answered);
        resolve(false);
      }, ANSWER_MS);
      this.answers.add(answered);
      this.parts.link.publish({ type: 'anyone-here', payload: {} });
    });
  }

  /** What this room published may not reach the other servers: its clients are warned (once in a while). */
  unsent(): void {
    const now = Date.now();
    if (now - this.noticeAt < UNSENT_NOTICE_EVERY_MS) return;
    this.noticeAt = now;
    this.parts.broadcast({ type: 'notice', message: UNSENT_NOTICE });
  }

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
      case 'job-input': {
        const { jobId, chunk } = message.payload;
        const run = runs.runningHere;
        if (run?.id === jobId && !inputRefusal(run, chunk)) this.parts.inputs.channel(jobId).push(chunk);
        break;
      }
      case 'anyone-here':
        if (this.parts.people() > 0) this.parts.link.publish({ type: 'here', payload: {} });
        break;
      case 'here':
        for (const answered of [...this.answers]) answered();
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
