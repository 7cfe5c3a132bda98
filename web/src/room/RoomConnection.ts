import {
  type AwarenessUser,
  type ChatMessage,
  type ClassInfo,
  type ClientMessage,
  CloseCode,
  DocKeys,
  describeCloseCode,
  FATAL_CLOSE_CODES,
  type FollowLeader,
  type LanguageId,
  MessageType,
  ROOM_SOCKET_PATH,
  type RoomControls,
  type RoomRole,
  type RoomSession,
  type RoomSettings,
  type RunView,
  type ServerMessage,
  type SubmissionView,
  selectionColor,
} from '@codestream/shared';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { decodeServerMessage, encodeClientMessage } from '../lib/appMessages.ts';
import { appendChat } from '../lib/chatLog.ts';
import { type ConnectionState, connectionState, type ProviderStatus } from '../lib/connectionState.ts';
import { type EnteredAs, roomSocketParams } from '../lib/earlyRoomSocket.ts';
import type { PendingRequest } from '../lib/jobControls.ts';
import { codeAfterLanguageSwitch, type StarterCode } from '../lib/languageSwitch.ts';
import { installAwarenessSanitizer } from '../lib/remoteAwareness.ts';
import { applyServerMessage, isRunActive } from '../lib/runState.ts';
import { applySubmissionMessage, isSubmissionActive } from '../lib/submissionState.ts';
import { DocSizeLimit } from './DocSizeLimit.ts';

/** One person in the room, however many tabs they have open. */
export interface Participant {
  /** The person as the server names them (`u:…`, `g:…`); for a state without one, its client id. */
  id: string;
  name: string;
  color: string;
  /** Their role in the room, as the server put it on their cursor; null when not said. */
  role: RoomRole | null;
  self: boolean;
}

export interface Notice {
  id: number;
  message: string;
}

/** Everything the room UI renders, replaced (never mutated) on every change. */
export interface RoomSnapshot {
  connection: ConnectionState;
  /** Why the last socket closed, until the next successful sync. */
  closeMessage: string | null;
  /** Set after a close code that stops reconnecting (see FATAL_CLOSE_CODES). */
  fatal: { code: number; message: string } | null;
  /** The doc has been synced once: editing is safe from now on, even offline. */
  everSynced: boolean;
  participants: readonly Participant[];
  /** The room's language, held by the server; null until it is known. */
  language: LanguageId | null;
  /** This person's role in the room, as the server said on joining; null until then. */
  role: RoomRole | null;
  /** What the hosts decided (run policy, locks); null until the server said. */
  controls: RoomControls | null;
  /** Title, timer and end; null until the server said. */
  session: RoomSession | null;
  /** The server's clock minus this browser's (ms), measured on joining: timers count on server time. */
  clockOffsetMs: number;
  /** Largest encoded size of the room's doc; null until the server said. */
  docMaxBytes: number | null;
  /**
   * The server refused this client's update and closed: this doc still holds it and must
   * be discarded (see RoomConnectionHolder). The notice to show in the reloaded room.
   */
  reload: string | null;
  /** The active run, or the last finished one. */
  run: RunView | null;
  /** The active submission, or the last finished one. */
  submission: SubmissionView | null;
  /** A run or submit request was sent and its `*-started` (or refusal) has not arrived yet. */
  pending: PendingRequest;
  /**
   * Server time (ms) of the oldest of the room's edits the server has not managed to
   * store yet, while it says they wait longer than usual; null when they are stored.
   */
  storageWaitingSince: number | null;
  /** The class the room belongs to (its instructors' message and timer); null for other rooms. */
  classInfo: ClassInfo | null;
  notices: readonly Notice[];
  /** How the server names this person (`u:…`, `g:…`); null until it said. */
  selfId: string | null;
  /** The room's chat, oldest first (the latest ones the server sent on joining, then new ones). */
  chat: readonly ChatMessage[];
  /** The server sent the chat's history (until then no message counts as unread). */
  chatLoaded: boolean;
  /** Whom a host asked everyone to follow; null: no one. */
  leader: FollowLeader | null;
}

type WebSocketClass = NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill'];

export interface RoomConnectionOptions {
  roomId: string;
  /**
   * Shown to others beside this person's cursor. The server knows who is connected from
   * the session cookie (account or guest name); this is only what the awareness carries.
   */
  name: string;
  /** `ws://host` or `wss://host`; ROOM_SOCKET_PATH is appended. */
  wsOrigin: string;
  /** Tests pass a fake; browsers use the global WebSocket. */
  WebSocketPolyfill?: WebSocketClass;
  /** How long a run or submit request may wait for its answer before the buttons are enabled again. */
  pendingTimeoutMs?: number;
  /** Notices to show from the start (why the room was reloaded). */
  notices?: readonly string[];
  /** Enter lower than one's role: a host observes (`viewer`) or helps (`editor`). */
  as?: EnteredAs;
}

interface UserState {
  name: string;
  color?: string;
  colorLight?: string;
}

/** The checked fields of a state (the sanitizer already dropped anything else). */
function readUser(state: Record<string, unknown> | undefined): AwarenessUser {
  const user = state?.user;
  return typeof user === 'object' && user !== null ? (user as AwarenessUser) : {};
}

/**
 * One participant's live connection to a room: the shared Y.Doc, the y-websocket
 * provider (sync + awareness) and the room's app messages (runs, submissions). Framework-free; the
 * UI subscribes to snapshots.
 */
export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly code: Y.Text;
  readonly stdin: Y.Text;
  readonly codeUndo: Y.UndoManager;
  readonly stdinUndo: Y.UndoManager;
  readonly provider: WebsocketProvider;

  private readonly name: string;
  /** This person's colour, as the server gave it on joining (null until then). */
  private color: string | null = null;
  /** How the server names this person (null until it said). */
  private selfId: string | null = null;
  private status: ProviderStatus = 'connecting';
  private synced = false;
  private snapshot: RoomSnapshot;
  private nextNoticeId = 1;
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pendingTimeoutMs: number;
  private readonly listeners = new Set<(snapshot: RoomSnapshot) => void>();
  private readonly disposers: (() => void)[] = [];
  private closed = false;
  /** Why the server refused this client's update, once it said so. */
  private refusal: string | null = null;
  /**
   * The starting code this client swapped in with its last language change, until the
   * server answers: put back when the server refuses the change (the room keeps its language).
   */
  private languageSwitch: { to: LanguageId; before: string; after: string; refused: boolean } | null = null;
  private readonly sizeLimit: DocSizeLimit;

  constructor(options: RoomConnectionOptions) {
    this.name = options.name;
    this.pendingTimeoutMs = options.pendingTimeoutMs ?? 10_000;
    this.code = this.doc.getText(DocKeys.code);
    this.stdin = this.doc.getText(DocKeys.stdin);
    this.sizeLimit = new DocSizeLimit(this.doc);
    this.codeUndo = new Y.UndoManager(this.code);
    this.stdinUndo = new Y.UndoManager(this.stdin);
    this.snapshot = {
      connection: 'connecting',
      closeMessage: null,
      fatal: null,
      everSynced: false,
      participants: [],
      language: null,
      role: null,
      controls: null,
      session: null,
      clockOffsetMs: 0,
      docMaxBytes: null,
      reload: null,
      run: null,
      submission: null,
      pending: null,
      storageWaitingSince: null,
      classInfo: null,
      notices: (options.notices ?? []).map((message) => ({ id: this.nextNoticeId++, message })),
      selfId: null,
      chat: [],
      chatLoaded: false,
      leader: null,
    };

    this.provider = new WebsocketProvider(`${options.wsOrigin}${ROOM_SOCKET_PATH}`, options.roomId, this.doc, {
      connect: false,
      // Identity comes from the session cookie, which the browser sends with the upgrade.
      params: roomSocketParams(options.as ?? null),
      // Each tab is its own participant on the server. Cross-tab BroadcastChannel sync
      // would let two tabs of one browser edit together while the server is down and
      // would hide server bugs from e2e tests that open two pages in one context.
      disableBc: true,
      // y-websocket only treats 4400–4499 as permanent; ours are listed in FATAL_CLOSE_CODES.
      // After a refused update this doc must not reconnect: it would send that update again.
      shouldReconnect: (event) =>
        !FATAL_CLOSE_CODES.has(event.code) && event.code !== CloseCode.UpdateRefused && this.refusal === null,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    installAwarenessSanitizer(this.provider);
    // The handler only reads: y-websocket sends back whatever it writes into `encoder`.
    this.provider.messageHandlers[MessageType.App] = (_encoder, decoder) => {
      const result = decodeServerMessage(decoder);
      if (!result.ok) {
        console.warn(`Ignored an app message from the server: ${result.error}`);
        return;
      }
      this.handleServerMessage(result.message);
    };

    this.listen();
    this.publishUser();
    this.refreshParticipants();
    this.provider.connect();
  }

  getSnapshot(): RoomSnapshot {
    return this.snapshot;
  }

  subscribe(listener: (snapshot: RoomSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get awareness(): WebsocketProvider['awareness'] {
    return this.provider.awareness;
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  /** Asks the server to run the room's code. False when it cannot be asked now. */
  run(): boolean {
    return this.request('run');
  }

  /** Asks the server to judge the room's code against its problem's tests. False when it cannot be asked now. */
  submit(): boolean {
    return this.request('submit');
  }

  /** Stops the active run or submission. */
  stop(): boolean {
    if (this.snapshot.connection !== 'live' || !this.busy()) return false;
    return this.send({ type: 'stop' });
  }

  /** Types into the running program (then ends its input if `eof`). False when offline. */
  sendInput(data: string, eof: boolean): boolean {
    if (this.snapshot.connection !== 'live') return false;
    return this.send({ type: 'input', data, ...(eof ? { eof: true } : {}) });
  }

  /** Sends a chat message (the server stores it, then sends it to everyone). False when offline. */
  sendChat(text: string): boolean {
    if (this.snapshot.connection !== 'live') return false;
    return this.send({ type: 'chat', text });
  }

  /** As a host: asks everyone to follow this person's cursor, or lets them go. */
  followMe(on: boolean): boolean {
    if (this.snapshot.connection !== 'live') return false;
    return this.send({ type: 'follow-me', on });
  }

  /** Shows a message to this person only, like a refusal. */
  notify(message: string): void {
    // The same message twice in a row (a key held down) is shown once.
    if (this.snapshot.notices.at(-1)?.message === message) return;
    this.update({ notices: [...this.snapshot.notices, { id: this.nextNoticeId++, message }] });
  }

  /**
   * Asks the server to change the room's language for everyone, and swaps untouched
   * starting code: the problem's `starterCode` for the new language, else the language's
   * template. False when it cannot be asked now (offline).
   */
  setLanguage(language: LanguageId, starterCode?: StarterCode): boolean {
    const previous = this.snapshot.language;
    if (previous === language) return true;
    if (this.snapshot.connection !== 'live' || !this.send({ type: 'set-language', language })) return false;
    const before = this.code.toString();
    const next = codeAfterLanguageSwitch(before, previous ?? undefined, language, starterCode);
    this.languageSwitch = next === null ? null : { to: language, before, after: next, refused: false };
    if (next !== null) this.replaceCode(next);
    // Shown at once; the server's `settings` message, sent to everyone, confirms it.
    this.update({ language });
    return true;
  }

  private replaceCode(text: string): void {
    this.doc.transact(() => {
      this.code.delete(0, this.code.length);
      this.code.insert(0, text);
    });
  }

  /**
   * A refused language change is answered by `refused`, then the room's settings: the
   * starting code swapped for it goes back, unless someone edited it since.
   */
  private settleLanguageSwitch(message: ServerMessage): void {
    const pending = this.languageSwitch;
    if (!pending) return;
    if (message.type === 'refused') pending.refused = true;
    if (message.type !== 'settings') return;
    this.languageSwitch = null;
    if (pending.refused && message.settings.language !== pending.to && this.code.toString() === pending.after) {
      this.replaceCode(pending.before);
    }
  }

  /**
   * Whether an edit inserting `bytes` of text in `changes` places keeps the room's doc
   * within its size limit; tells the person when it does not. The editors ask before
   * applying an edit, so the server does not have to refuse it.
   */
  allowsInsert(bytes: number, changes: number): boolean {
    const refusal = this.sizeLimit.refusal(bytes, changes);
    if (refusal) this.notify(refusal);
    return refusal === null;
  }

  dismissNotice(id: number): void {
    this.update({ notices: this.snapshot.notices.filter((n) => n.id !== id) });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.setPending(null);
    for (const dispose of this.disposers.splice(0).reverse()) dispose();
    this.codeUndo.destroy();
    this.stdinUndo.destroy();
    this.provider.destroy();
    // The provider does not destroy an awareness it created; its timer would keep running.
    this.provider.awareness.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private listen(): void {
    const provider = this.provider;
    const onStatus = ({ status }: { status: ProviderStatus }) => {
      this.status = status;
      this.refreshConnection();
    };
    const onSync = (synced: boolean) => {
      this.synced = synced;
      // On (re)connect y-websocket re-sends this client's awareness with its old clock,
      // and peers that saw that clock before ignore it (y-protocols applies only newer
      // clocks), so after a server restart they would miss this person until the 15 s
      // renewal. Setting the state again sends it with the next clock, after the sync,
      // when the cursor it carries points into content the peers have.
      const local = this.awareness.getLocalState();
      if (synced && local !== null) this.awareness.setLocalState(local);
      this.refreshConnection(synced ? { everSynced: true, closeMessage: null } : {});
    };
    const onConnectionClose = (event: CloseEvent | null) => {
      // A null event is a close of our own (destroy): nothing to tell anyone.
      if (event === null) return;
      this.setPending(null);
      this.update({ closeMessage: describeCloseCode(event.code) });
    };
    const onClosed = ({ code }: { code: number }) => {
      this.setPending(null);
      if (code === CloseCode.UpdateRefused || this.refusal !== null) {
        const reload = this.refusal
          ? `Your last change could not be saved: ${this.refusal}. The room was reloaded from the server.`
          : describeCloseCode(CloseCode.UpdateRefused);
        this.update({ reload });
        return;
      }
      this.refreshConnection({ fatal: { code, message: describeCloseCode(code) } }, true);
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onConnectionClose);
    provider.on('closed', onClosed);
    this.disposers.push(() => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onConnectionClose);
      provider.off('closed', onClosed);
    });

    const onAwareness = () => this.refreshParticipants();
    this.awareness.on('change', onAwareness);
    this.disposers.push(() => this.awareness.off('change', onAwareness));

    this.disposers.push(() => this.sizeLimit.close());

    if (typeof window !== 'undefined') {
      // Tell the others right away instead of letting them time this client out (30 s).
      const onPageHide = () => this.awareness.setLocalState(null);
      window.addEventListener('pagehide', onPageHide);
      this.disposers.push(() => window.removeEventListener('pagehide', onPageHide));
    }
  }

  private request(type: 'run' | 'submit'): boolean {
    const s = this.snapshot;
    if (s.connection !== 'live' || s.pending !== null || this.busy()) return false;
    if (!this.send({ type })) return false;
    this.setPending(type);
    return true;
  }

  /** A run or a submission is going: the room does one at a time. */
  private busy(): boolean {
    return isRunActive(this.snapshot.run) || isSubmissionActive(this.snapshot.submission);
  }

  private handleServerMessage(message: ServerMessage): void {
    this.settleLanguageSwitch(message);
    switch (message.type) {
      case 'room-state':
        this.sizeLimit.setLimit(message.limits.docMaxBytes);
        // Sent on every (re)connect, before a `storage` message if the room still waits.
        if (message.you.color !== this.color || message.you.id !== this.selfId) {
          this.color = message.you.color;
          this.selfId = message.you.id;
          this.publishUser();
        }
        this.update({
          role: message.role,
          ...settingsPatch(message.settings),
          clockOffsetMs: message.now - Date.now(),
          docMaxBytes: message.limits.docMaxBytes,
          storageWaitingSince: null,
          selfId: message.you.id,
          // A `follow` message comes next while someone leads.
          leader: null,
          classInfo: message.classInfo ?? null,
        });
        // This person's own entry shows the role just told.
        this.refreshParticipants();
        break;
      case 'settings':
        this.update(settingsPatch(message.settings));
        return;
      case 'update-refused':
        // The close that follows turns this into `reload`.
        this.refusal = message.message;
        return;
      case 'storage':
        this.update({ storageWaitingSince: message.state === 'waiting' ? message.since : null });
        return;
      case 'chat-history':
        this.update({ chat: message.messages, chatLoaded: true });
        return;
      case 'chat':
        this.update({ chat: appendChat(this.snapshot.chat, message.message) });
        return;
      case 'follow':
        this.update({ leader: message.leader });
        return;
      case 'class':
        this.update({ classInfo: message.classInfo });
        return;
      case 'notice':
        this.notify(message.message);
        return;
    }
    const { run, refused } = applyServerMessage(this.snapshot.run, message);
    const submission = applySubmissionMessage(this.snapshot.submission, message);
    const patch: Partial<RoomSnapshot> = { run, submission };
    // Any answer but a job's progress settles a pending request (a refusal, or a job started).
    if (message.type !== 'run-event' && message.type !== 'submission-event') this.setPending(null, patch);
    if (refused !== undefined) {
      patch.notices = [...this.snapshot.notices, { id: this.nextNoticeId++, message: refused }];
    }
    this.update(patch);
  }

  private send(message: ClientMessage): boolean {
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return false;
    ws.send(encodeClientMessage(message));
    return true;
  }

  private setPending(pending: PendingRequest, patch?: Partial<RoomSnapshot>): void {
    clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
    if (pending) {
      // If the answer is lost (a server restart mid-request), Run and Submit must not stay disabled.
      this.pendingTimer = setTimeout(() => this.setPending(null), this.pendingTimeoutMs);
    }
    if (patch) patch.pending = pending;
    else if (this.snapshot.pending !== pending) this.update({ pending });
  }

  /** The server replaces name and colour on the way to the others; ours shows in this tab's own entry. */
  private publishUser(): void {
    const user: UserState = this.color
      ? { name: this.name, color: this.color, colorLight: selectionColor(this.color) }
      : { name: this.name };
    this.awareness.setLocalStateField('user', user);
  }

  /** One entry per person: the server puts the same id on all their tabs' cursors. */
  private refreshParticipants(): void {
    const self = this.clientId;
    const people = new Map<string, Participant>();
    for (const [clientId, state] of this.awareness.getStates()) {
      const user = readUser(state);
      // Only people who announced a name are listed (y-websocket may relay empty states).
      if (user.name === undefined) continue;
      const isSelf = clientId === self || (user.id !== undefined && user.id === this.selfId);
      const id = isSelf ? 'self' : (user.id ?? `client:${clientId}`);
      if (people.has(id) && !isSelf) continue;
      people.set(id, {
        id,
        name: isSelf ? this.name : user.name,
        color: (isSelf ? this.color : user.color) ?? '#94a3b8',
        role: isSelf ? this.snapshot.role : (user.role ?? null),
        self: isSelf,
      });
    }
    const participants = [...people.values()].sort(
      (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    this.update({ participants });
  }

  private refreshConnection(patch: Partial<RoomSnapshot> = {}, fatal = this.snapshot.fatal !== null): void {
    const everSynced = patch.everSynced ?? this.snapshot.everSynced;
    const connection = connectionState({ status: this.status, synced: this.synced, everSynced, fatal });
    if (connection !== 'live' && this.snapshot.connection === 'live') this.setPending(null, patch);
    this.update({ ...patch, connection });
  }

  private update(patch: Partial<RoomSnapshot>): void {
    if (this.closed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener(this.snapshot);
  }
}

function settingsPatch(settings: RoomSettings): Partial<RoomSnapshot> {
  return { language: settings.language, controls: settings.controls, session: settings.session };
}
