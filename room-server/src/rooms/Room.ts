import type { ClassInfo, Judge } from '@codestream/shared';
import {
  CHAT_HISTORY_SIZE,
  type ChatMessage,
  type ClientMessage,
  CloseCode,
  type CloseCodeValue,
  clientMessageSchema,
  DocKeys,
  type LanguageId,
  MessageType,
  type RoomControls,
  type RoomRole,
  type RoomSession,
  type RoomSummary,
  type RunLimits,
  type RunView,
  readAppFramePayload,
  type ServerMessage,
  type SubmissionView,
  sessionEndedAt,
  sessionEndsAt,
} from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { childLogger, type Logger } from '../log/logger.ts';
import type { SubmissionPlan } from '../submissions/submissionPlan.ts';
import { appFrame, syncStep1Frame, syncStep2Frame, updateFrame, waitingFrame } from './frames.ts';
import { HeldUpdates } from './HeldUpdates.ts';
import { JobSlot } from './JobSlot.ts';
import type { LoadedRoomDoc } from './loadRoomDoc.ts';
import { PeerCursors } from './PeerCursors.ts';
import { RoomActivity } from './RoomActivity.ts';
import { RoomChat } from './RoomChat.ts';
import { RoomDocGuard, type UpdateRefusal } from './RoomDocGuard.ts';
import { RoomFollow } from './RoomFollow.ts';
import { RoomJobs } from './RoomJobs.ts';
import type { RoomUpdateLog, StorageState } from './RoomLog.ts';
import { RoomMirror } from './RoomMirror.ts';
import type { RoomLink, RoomRelayMessage } from './RoomRelay.ts';
import type { RoomRecord } from './RoomRepository.ts';
import { RoomSettingsHolder } from './RoomSettingsHolder.ts';
import type { RoomStore, UpdateLog } from './RoomStore.ts';
import type { Author } from './RoomUpdateRepository.ts';
import { inputRefusal, RunInputs, stdinChunk } from './RunInputs.ts';
import { RemoteOrigin } from './remoteOrigin.ts';
import { actionRefusal, readOnlyReason } from './roomPermissions.ts';
import { type RunJob, runJobKind } from './runJobKind.ts';
import { type SubmissionJob, submissionJobKind } from './submissionJobKind.ts';
import { summarizeRoom } from './summarizeRoom.ts';

/** One participant's socket, as the room sees it. */
export interface RoomPeer {
  /** The person (`u:<userId>` or `g:<guestId>`): one in several tabs is one participant. */
  readonly id: string;
  readonly name: string;
  /** null for guests. */
  readonly userId: string | null;
  /** Viewers only watch: their edits are refused, and so are their runs, submissions, stops and settings. */
  readonly role: RoomRole;
  /**
   * A host who came in to observe (as a viewer): while the room's `observersVisible` is
   * off, their cursor and presence reach only the room's hosts.
   */
  readonly observer?: boolean;
  /** The socket (SocketConnection.id): the jobs it starts carry it in their request id. */
  readonly socketId?: string;
  send(frame: Uint8Array): void;
}

/** A frame the room cannot accept; the socket layer closes that socket. */
export class MalformedMessageError extends Error {
  readonly reason = 'malformed-message';
  /** How the socket layer closes the sender. */
  readonly closeCode: CloseCodeValue = CloseCode.MalformedMessage;
  readonly closeReason: string = 'malformed message';
}

/** A document update refused whole (the sender was told why in an `update-refused` message). */
export class UpdateRefusedError extends MalformedMessageError {
  override readonly closeCode: CloseCodeValue = CloseCode.UpdateRefused;
  override readonly closeReason: string = 'update refused';
}

export interface RoomOptions {
  record: Pick<RoomRecord, '_id' | 'language' | 'problemSlug' | 'controls' | 'session' | 'classId'> &
    Partial<Pick<RoomRecord, 'createdAt' | 'activity'>>;
  /** The class the room belongs to, as it was when the room loaded (null: none). */
  classInfo?: ClassInfo | null;
  /** The stored document (latest snapshot plus the updates logged after it). */
  loaded: LoadedRoomDoc;
  lastRun: RunView | null;
  lastSubmission: SubmissionView | null;
  /** The room's latest chat messages, oldest first. */
  chatHistory?: readonly ChatMessage[];
  /** Where runs, submissions and settings are stored. */
  store: RoomStore;
  plan(problemSlug: string): Promise<SubmissionPlan | string>;
  judge: Judge;
  runLimits: RunLimits;
  /** Every accepted update is handed to it, with its author, to be stored. */
  updateLog: UpdateLog;
  /** Largest encoded size of the room's doc; updates past it are refused. */
  docMaxBytes: number;
  /** The room's timer ran out and the room ends by itself: who may stay must be checked again. */
  onSessionDue?(roomId: string): void;
  /** Something its summary shows changed (an edit, a join or leave, a job, its settings). */
  onChange?(roomId: string): void;
  /** Its copies on other servers (scale-out); absent on a single machine. */
  link?: RoomLink | null;
  log: Logger;
}

/**
 * A loaded room: its Y.Doc, awareness, sockets and runs. Created by RoomRegistry with
 * the stored doc applied before any socket sees it.
 */
export class Room {
  readonly id: string;
  readonly doc = new Y.Doc();
  private readonly peers = new Set<RoomPeer>();
  private readonly slot: JobSlot;
  private readonly runs: RoomJobs<RunJob>;
  private readonly inputs = new RunInputs();
  private readonly submissions: RoomJobs<SubmissionJob>;
  private readonly problemSlug: string | null;
  private readonly updates: RoomUpdateLog;
  private readonly docGuard: RoomDocGuard;
  private readonly store: RoomStore;
  private readonly log: Logger;
  private readonly held = new HeldUpdates<RoomPeer>();
  private readonly settings: RoomSettingsHolder;
  /** The peers' cursors (with Redis, other servers' peers' too: cluster/ClusterAwareness). */
  readonly cursors: PeerCursors;
  private readonly chat: RoomChat;
  private readonly follow: RoomFollow;
  private readonly link: RoomLink | null;
  private readonly mirror: RoomMirror | null;
  private dueTimer: NodeJS.Timeout | undefined;
  private readonly onSessionDue: ((roomId: string) => void) | undefined;
  /** The class this room belongs to, or null. */
  readonly classId: string | null;
  private classInfo: ClassInfo | null;
  private readonly onChange: (roomId: string) => void;
  private readonly activity: RoomActivity;
  private readonly createdAt: number;
  private closing?: Promise<void>;

  constructor(options: RoomOptions) {
    this.id = options.record._id;
    this.classId = options.record.classId ?? null;
    this.classInfo = options.classInfo ?? null;
    this.cursors = new PeerCursors({
      doc: this.doc,
      peers: () => this.peers,
      broadcast: (frame) => this.broadcast(frame),
      hides: (owner, recipient) => this.hides(owner, recipient),
      log: options.log,
    });
    this.activity = new RoomActivity(options.record.activity);
    this.createdAt = options.record.createdAt?.getTime() ?? Date.now();
    this.onChange = options.onChange ?? (() => {});
    Y.applyUpdate(this.doc, options.loaded.state);
    this.docGuard = new RoomDocGuard({ doc: this.doc, maxBytes: options.docMaxBytes });
    const { store, judge, log } = options;
    this.store = store;
    this.log = log;
    this.settings = new RoomSettingsHolder({ record: options.record, store, log });
    this.problemSlug = options.record.problemSlug;
    const link = options.link ?? null;
    this.link = link;
    this.slot = new JobSlot(link?.jobLock ?? null);
    const jobs = {
      slot: this.slot,
      broadcast: (message: ServerMessage, here: boolean) => {
        this.noteJob(message);
        this.broadcast(appFrame(message));
        if (here) this.mirror?.relay(message);
      },
      elsewhere: link
        ? {
            stop: (jobId: string) => link.publish({ type: 'stop-job', payload: { jobId } }),
            running: async () => (await link.jobLock.holder()) !== null,
            claimSettling: (jobId: string) => link.jobLock.claimSettling(jobId),
            checkEveryMs: link.jobLock.checkEveryMs,
          }
        : undefined,
      log: childLogger(log, { roomId: this.id }),
    };
    this.runs = new RoomJobs({
      ...jobs,
      kind: runJobKind({ roomId: this.id, judge, store, limits: options.runLimits, inputs: this.inputs }),
      last: options.lastRun,
    });
    this.submissions = new RoomJobs({
      ...jobs,
      kind: submissionJobKind({ roomId: this.id, judge, store, plan: options.plan }),
      last: options.lastSubmission,
    });
    this.updates = options.updateLog.open({
      roomId: this.id,
      lastSeq: options.loaded.lastSeq,
      sinceSnapshot: options.loaded.sinceSnapshot,
      snapshot: () => Y.encodeStateAsUpdate(this.doc),
      onStorageState: (state, since) => this.broadcast(storageFrame(state, since)),
    });
    const sendTo = (peer: RoomPeer, message: ServerMessage) => this.sendTo(peer, message);
    // Chat and follow happen on one server: the room's other servers hear them too.
    const broadcastMessage = (message: ServerMessage) => {
      this.broadcast(appFrame(message));
      this.mirror?.relay(message);
    };
    this.chat = new RoomChat({
      roomId: this.id,
      history: options.chatHistory ?? [],
      insert: (record) => store.insertChat(record),
      authorOf: (peer) => ({ id: peer.id, name: peer.name, color: this.cursors.colorOf(peer.id) }),
      sendTo,
      broadcast: broadcastMessage,
      historySize: CHAT_HISTORY_SIZE,
      log,
    });
    this.follow = new RoomFollow({ sendTo, broadcast: broadcastMessage });
    this.mirror = link
      ? new RoomMirror({
          link,
          slot: this.slot,
          runs: this.runs,
          inputs: this.inputs,
          submissions: this.submissions,
          chat: this.chat,
          follow: this.follow,
          settings: this.settings,
          broadcast: (message) => this.broadcast(appFrame(message)),
          people: () => this.peopleCount,
        })
      : null;
    this.doc.on('update', this.onDocUpdate);
    this.doc.getText(DocKeys.code).observe(this.onCodeEdit);
    this.onSessionDue = options.onSessionDue;
    this.scheduleEnd();
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** People in the room now: one person in several tabs counts once. */
  get peopleCount(): number {
    return new Set([...this.peers].map((peer) => peer.id)).size;
  }

  get language(): LanguageId {
    return this.settings.current.language;
  }

  /** The room was deleted: nothing more of it is stored (see RoomUpdateLog.forsake). */
  forsake(): void {
    this.updates.forsake?.();
  }

  /** Resolves once every update the room accepted is stored (never, while the database is away). */
  stored(): Promise<void> {
    return this.updates.stored();
  }

  /**
   * Everyone here left: the run or submission running on this server is stopped, unless
   * people on other servers still watch it (then it stops once they all left too). The
   * room stays usable.
   */
  emptied(): void {
    if (this.mirror && this.slot.runsHere) this.mirror.keepJobWhileWatched();
    else this.slot.stopHere();
  }

  /** Resolves once no job runs on this server (and each stored its result). */
  jobsDone(): Promise<void> {
    return this.slot.idle();
  }

  /** What the room sent its copies on other servers may not reach them: its clients are warned. */
  unsentToOthers(): void {
    this.mirror?.unsent();
  }

  /** What the room's copy on another server sent (see RoomMirror). */
  receiveRemote(message: RoomRelayMessage): void {
    this.mirror?.receive(message);
  }

  /** Whether the room has ended: a read-only archive until a host reopens it. */
  get ended(): boolean {
    return sessionEndedAt(this.settings.current.session, Date.now()) !== null;
  }

  /** Takes what a host stored (controls, title, timer, end) and tells everyone. */
  applySettings(controls: RoomControls, session: RoomSession): void {
    const wereVisible = this.settings.current.controls.observersVisible;
    this.settings.replace(controls, session);
    if (controls.observersVisible !== wereVisible) this.cursors.visibilityChanged();
    this.onChange(this.id);
    this.broadcastSettings();
    this.stopJobIfEnded();
    this.scheduleEnd();
  }

  /** Takes the class's new message, timer or title and tells everyone. */
  applyClassInfo(classInfo: ClassInfo): void {
    if (classInfo.classId !== this.classId) return;
    this.classInfo = classInfo;
    this.broadcast(appFrame({ type: 'class', classInfo }));
  }

  /**
   * An ended room runs nothing: a job still going is stopped (no one could stop it after
   * the end) by the server running it, which learns of the end too.
   */
  private stopJobIfEnded(): void {
    if (this.ended) this.slot.stopHere();
  }

  join(peer: RoomPeer): void {
    this.peers.add(peer);
    const color = this.cursors.colorOf(peer.id);
    this.updates.event('join', authorOf(peer));
    peer.send(syncStep1Frame(this.doc));
    peer.send(syncStep2Frame(this.doc));
    this.cursors.joined(peer);
    peer.send(
      appFrame({
        type: 'room-state',
        role: peer.role,
        you: { id: peer.id, color },
        now: Date.now(),
        settings: this.settings.current,
        limits: { docMaxBytes: this.docGuard.maxBytes },
        run: this.runs.current,
        submission: this.submissions.current,
        // Only rooms of a class carry it: other rooms' state is as before classes.
        ...(this.classInfo ? { classInfo: this.classInfo } : {}),
      }),
    );
    this.chat.joined(peer);
    this.follow.joined(peer);
    const waiting = waitingFrame(this.updates);
    if (waiting) peer.send(waiting);
    this.onChange(this.id);
  }

  /** Removes the peer and its cursors; returns how many peers remain. */
  leave(peer: RoomPeer): number {
    if (!this.peers.delete(peer)) return this.peers.size;
    this.updates.event('leave', authorOf(peer));
    this.cursors.left(peer);
    this.held.drop(peer);
    this.chat.left(peer);
    this.follow.left(peer);
    this.onChange(this.id);
    return this.peers.size;
  }

  /** Handles one binary frame from `peer`. Throws MalformedMessageError for bad frames. */
  receive(peer: RoomPeer, frame: Uint8Array): void {
    try {
      this.refuseExpired(peer);
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.Sync:
          this.receiveSync(peer, decoder);
          break;
        case MessageType.Awareness:
          this.cursors.receive(peer, decoding.readVarUint8Array(decoder));
          break;
        case MessageType.App:
          this.handleApp(peer, parseClientMessage(readAppFramePayload(decoder)));
          break;
        default:
          throw new MalformedMessageError(`unknown message type ${type}`);
      }
    } catch (err) {
      if (err instanceof MalformedMessageError) throw err;
      throw new MalformedMessageError((err as Error).message);
    }
  }

  /**
   * y-protocols' readSyncMessage swallows (and only logs) updates that fail to apply,
   * so the message is decoded here: a bad update closes the socket that sent it.
   */
  private receiveSync(peer: RoomPeer, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.Sync);
        syncProtocol.writeSyncStep2(encoder, this.doc, decoding.readVarUint8Array(decoder));
        peer.send(encoding.toUint8Array(encoder));
        break;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        this.applyUpdate(peer, decoding.readVarUint8Array(decoder));
        break;
      default:
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
    }
  }

  /**
   * Applies a participant's update only if it is valid as a whole and within the size
   * limit: Yjs applies what it can of a bad update before failing, and keeps what it
   * cannot place as pending structs.
   */
  private applyUpdate(peer: RoomPeer, update: Uint8Array): void {
    const readOnly = this.readOnlyReason(peer);
    if (readOnly) {
      // A viewer's client answers every sync with what it has: nothing new, nothing to refuse.
      if (addsNothing(this.doc, update)) return;
      this.refuseUpdate(peer, {
        reason: 'read-only',
        message: readOnly,
        detail: 'update to a read-only room',
        missing: false,
      });
    }
    const refusal = this.docGuard.check(update);
    // What it builds on may be on its way (offline edits come after new keystrokes).
    if (refusal?.missing && this.held.hold(peer, update)) return;
    if (refusal) this.refuseUpdate(peer, refusal);
    this.integrate(peer, update);
    this.releaseHeld(peer);
  }

  /**
   * Applies an update another room-server accepted (it passed that server's guards):
   * relayed to this server's peers, not logged or published again.
   */
  applyRemote(update: Uint8Array, origin: RemoteOrigin): void {
    Y.applyUpdate(this.doc, update, origin);
    this.docGuard.applied(update);
  }

  /** Applies an update the guard accepted, with its sender as origin. */
  private integrate(peer: RoomPeer, update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, peer);
    this.docGuard.applied(update);
  }

  /** Applies the peer's held updates whose missing parts have arrived since. */
  private releaseHeld(peer: RoomPeer): void {
    this.held.retry(peer, (waiting) => {
      const still = this.docGuard.check(waiting);
      if (still?.missing) return true;
      if (still) this.refuseUpdate(peer, still);
      this.integrate(peer, waiting);
      return false;
    });
  }

  /** Held updates whose missing part never came are refused, at the sender's next frame. */
  private refuseExpired(peer: RoomPeer): void {
    if (!this.held.expired(peer)) return;
    this.releaseHeld(peer);
    const oldest = this.held.oldest(peer);
    const refusal = oldest && this.docGuard.check(oldest);
    if (refusal) this.refuseUpdate(peer, refusal);
  }

  private refuseUpdate(peer: RoomPeer, refusal: UpdateRefusal): never {
    this.held.drop(peer);
    // The stock client re-sends what it kept on every reconnect: ours, told why, discards it.
    this.sendTo(peer, { type: 'update-refused', reason: refusal.reason, message: refusal.message });
    throw new UpdateRefusedError(`update refused (${refusal.reason}): ${refusal.detail}`);
  }

  /** Stops any run, waits until every accepted update is stored, releases the doc. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    clearTimeout(this.dueTimer);
    this.doc.off('update', this.onDocUpdate);
    this.doc.getText(DocKeys.code).unobserve(this.onCodeEdit);
    // Everyone left: a queued or running job is cancelled (and stored as such).
    await this.slot.close();
    this.runs.closeMirror();
    this.submissions.closeMirror();
    await this.link?.close();
    await this.updates.finish();
    await this.chat.settled();
    if (this.updates.storesClosedDoc) await this.storeClosedDoc();
    this.updates.close();
    await this.settings.flush();
    this.cursors.close();
    this.doc.destroy();
  }

  /** Saves the next load from reading the log; if it fails, that load reads the log. */
  private async storeClosedDoc(): Promise<void> {
    try {
      const doc = Y.encodeStateAsUpdate(this.doc);
      await this.store.storeClosedDoc(this.id, doc, this.updates.lastSeq, this.activity.current);
    } catch (err) {
      this.log.warn({ err, roomId: this.id }, 'storing the unloaded room failed; its next load reads the log');
    }
  }

  private handleApp(peer: RoomPeer, message: ClientMessage): void {
    const refusal = this.refusalOf(peer, message);
    if (refusal) {
      this.sendTo(peer, { type: 'refused', message: refusal });
      // The page shows a language it asks for at once: the room's settings put it back.
      if (message.type === 'set-language') this.sendTo(peer, { type: 'settings', settings: this.settings.current });
      return;
    }
    switch (message.type) {
      case 'run': {
        const stdin = this.doc.getText(DocKeys.stdin).toString();
        const input = { startedBy: peer.name, language: this.language, code: this.code, stdin };
        this.runs.start(input, (refusal) => this.tellRefused(peer, refusal), peer.socketId);
        break;
      }
      case 'submit': {
        const { problemSlug } = this;
        const input = { userId: peer.userId, submittedBy: peer.name, language: this.language, code: this.code };
        if (problemSlug)
          this.submissions.start(
            { ...input, problemSlug },
            (refusal) => this.tellRefused(peer, refusal),
            peer.socketId,
          );
        else this.tellRefused(peer, 'This room is not on a problem: there is nothing to submit to. Use Run instead.');
        break;
      }
      case 'stop':
        if (!this.slot.stop()) this.sendTo(peer, { type: 'refused', message: 'Nothing is running.' });
        break;
      case 'input':
        this.sendInput(peer, message.data, message.eof);
        break;
      case 'set-language':
        if (this.settings.setLanguage(message.language)) {
          this.broadcastSettings();
          this.mirror?.relay({ type: 'settings', settings: this.settings.current });
        }
        break;
      case 'chat':
        this.chat.post(peer, message.text);
        break;
      case 'follow-me':
        this.follow.set(peer, message.on);
        break;
      default:
        message satisfies never;
    }
  }

  /** Why `peer` may not change the code (null: they may). */
  private readOnlyReason(peer: RoomPeer): string | null {
    return readOnlyReason(peer.role, this.ended);
  }

  private refusalOf(peer: RoomPeer, message: ClientMessage): string | null {
    return actionRefusal(
      { role: peer.role, ended: this.ended, controls: this.settings.current.controls },
      message.type,
    );
  }

  private broadcastSettings(): void {
    this.broadcast(appFrame({ type: 'settings', settings: this.settings.current }));
  }

  /** Arms the timer that ends the room by itself, when its timer is set to. */
  private scheduleEnd(): void {
    clearTimeout(this.dueTimer);
    this.dueTimer = undefined;
    const { session } = this.settings.current;
    const endsAt = sessionEndsAt(session);
    if (!session.autoEnd || endsAt === null || session.endedAt !== null) return;
    // setTimeout takes at most 2^31-1 ms; a timer runs for hours at most (MAX_DURATION_MINUTES).
    this.dueTimer = setTimeout(
      () => {
        this.dueTimer = undefined;
        this.broadcastSettings();
        this.stopJobIfEnded();
        this.onSessionDue?.(this.id);
      },
      Math.max(0, endsAt - Date.now()),
    );
    this.dueTimer.unref();
  }

  private get code(): string {
    return this.doc.getText(DocKeys.code).toString();
  }

  /** A line typed by `peer` for the running program: to it here, or to the server running it. */
  private sendInput(peer: RoomPeer, data: string, eof: boolean | undefined): void {
    const run = this.runs.activeJob;
    const refusal = this.submissions.activeJob
      ? 'A submission is being judged: it reads its tests, not typed input.'
      : inputRefusal(run, { data, eof });
    if (refusal || !run) {
      this.tellRefused(peer, refusal ?? 'No program is running: press Run first.');
      return;
    }
    const chunk = stdinChunk(data, eof, peer.name);
    if (this.runs.runningHere?.id === run.id) this.inputs.channel(run.id).push(chunk);
    else this.link?.publish({ type: 'job-input', payload: { jobId: run.id, chunk } });
  }

  private tellRefused(peer: RoomPeer, refusal: string): void {
    this.sendTo(peer, { type: 'refused', message: refusal });
  }

  private sendTo(peer: RoomPeer, message: ServerMessage): void {
    peer.send(appFrame(message));
  }

  private broadcast(frame: Uint8Array, except?: unknown): void {
    for (const peer of this.peers) {
      if (peer !== except) peer.send(frame);
    }
  }

  /** What its hosts' dashboards show of the room now (computed when asked: at most once a second). */
  summary(): RoomSummary {
    const { controls, session } = this.settings.current;
    return summarizeRoom({
      roomId: this.id,
      title: session.title,
      language: this.language,
      createdAt: this.createdAt,
      online: [...this.peers].filter((peer) => controls.observersVisible || !peer.observer),
      code: this.code,
      activity: this.activity.current,
      run: this.runs.current,
      submission: this.submissions.current,
    });
  }

  /** Whether `owner`'s cursor is kept from `recipient`: an observing host's, from all but hosts, while hidden. */
  private hides(owner: RoomPeer, recipient: RoomPeer): boolean {
    if (!owner.observer || this.settings.current.controls.observersVisible) return false;
    return recipient.role !== 'host' && !recipient.observer;
  }

  /** Counts failures in a row when a job ends; any job news changes the summary. */
  private noteJob(message: ServerMessage): void {
    if (message.type === 'run-event' && message.event.type === 'exit') this.activity.runEnded(message.event);
    if (message.type === 'submission-event' && message.event.type === 'finished') {
      this.activity.submissionEnded(message.event);
    }
    if (message.type !== 'run-event' || message.event.type !== 'output') this.onChange(this.id);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.broadcast(updateFrame(update), origin);
    if (origin instanceof RemoteOrigin) {
      if (origin.name) this.activity.edited(origin.name, Date.now());
      this.onChange(this.id);
      return;
    }
    // Only applyUpdate changes the doc, with the sending peer (or a RemoteOrigin) as origin.
    const peer = origin as RoomPeer;
    this.updates.append(authorOf(peer), update, peer.name);
    this.activity.edited(peer.name, Date.now());
    this.onChange(this.id);
  };

  private readonly onCodeEdit = (event: Y.YTextEvent): void => {
    const first = event.changes.delta[0];
    this.activity.editedCodeAt(typeof first?.retain === 'number' ? first.retain : 0);
  };
}

/** Who a peer's changes are logged as. */
export function authorOf(peer: RoomPeer): Author {
  return peer.userId ? { userId: peer.userId } : { guest: peer.name, guestId: peer.id.slice(2) };
}

function storageFrame(state: StorageState, since: number): Uint8Array {
  return appFrame({ type: 'storage', state, since });
}

function parseClientMessage(value: unknown): ClientMessage {
  const parsed = clientMessageSchema.safeParse(value);
  if (!parsed.success) throw new MalformedMessageError(`invalid app message: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Whether `doc` already holds all of `update`: its content and its deletions (a sync
 * answer always carries the sender's whole delete set, so "empty" is not enough).
 */
function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
  } catch {
    return false;
  }
}
