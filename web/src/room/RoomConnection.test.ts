import { CloseCode, defaultRoomSettings, findLanguageInfo, MessageType, type SubmissionView } from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appFrame, awarenessFrame, FakeSocket, roomState, seededServerDoc, syncStep2 } from './fakeRoomSocket.ts';
import { RoomConnection } from './RoomConnection.ts';

const roomId = 'abcdefghij_-KLMNOP12';
let connection: RoomConnection | undefined;

function connect(name = 'Ada'): { conn: RoomConnection; socket: FakeSocket } {
  connection = new RoomConnection({
    roomId,
    name,
    wsOrigin: 'ws://test',
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
  });
  const socket = FakeSocket.created.at(-1);
  if (!socket) throw new Error('no socket created');
  return { conn: connection, socket };
}

function connectLive(name = 'Ada') {
  const { conn, socket } = connect(name);
  socket.open();
  socket.receive(syncStep2(seededServerDoc()));
  socket.receive(roomState());
  return { conn, socket };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.created = [];
});

afterEach(() => {
  connection?.close();
  connection = undefined;
  vi.useRealTimers();
});

describe('RoomConnection', () => {
  it('connects to the room socket with the protocol version only (identity is the session cookie)', () => {
    const { socket } = connect('Ada Lovelace');
    const url = new URL(socket.url);
    expect(url.pathname).toBe(`/ws/rooms/${roomId}`);
    expect(url.searchParams.get('v')).toBe('1');
    expect([...url.searchParams.keys()]).toEqual(['v']);
  });

  it('is connecting until synced, then live with the shared content', () => {
    const { conn, socket } = connect();
    expect(conn.getSnapshot().connection).toBe('connecting');
    socket.open();
    expect(conn.getSnapshot().connection).toBe('connecting');
    socket.receive(syncStep2(seededServerDoc()));
    expect(conn.getSnapshot()).toMatchObject({ connection: 'live', everSynced: true, language: null });
    socket.receive(roomState());
    expect(conn.getSnapshot()).toMatchObject({ language: 'python', docMaxBytes: 2 * 1024 * 1024 });
    expect(conn.code.toString()).toContain('Hello');
  });

  it('lists itself, then in the colour the server gave it', () => {
    const { conn, socket } = connect('Ada');
    expect(conn.getSnapshot().participants).toEqual([
      expect.objectContaining({ id: 'self', name: 'Ada', self: true, color: '#94a3b8' }),
    ]);
    socket.open();
    socket.receive(syncStep2(seededServerDoc()));
    socket.receive(roomState());
    expect(conn.getSnapshot().participants).toEqual([
      expect.objectContaining({ id: 'self', self: true, color: '#60a5fa', role: 'editor' }),
    ]);
    expect(conn.awareness.getLocalState()?.user).toEqual({ name: 'Ada', color: '#60a5fa', colorLight: '#60a5fa33' });
  });

  it('lists each person once however many tabs they have, as the server named them', () => {
    const { conn, socket } = connectLive('Ada');
    const user = (id: string, name: string, color: string, role: string) => ({ user: { id, name, color, role } });
    socket.receive(
      awarenessFrame([
        { clientId: 901, clock: 1, state: user('u:bob', 'Bob', '#f87171', 'host') },
        { clientId: 902, clock: 1, state: user('u:bob', 'Bob', '#f87171', 'host') },
        { clientId: 903, clock: 1, state: user('u:me', 'Ada', '#60a5fa', 'editor') },
        { clientId: 904, clock: 1, state: user('g:cy', 'Cy', '#34d399', 'viewer') },
      ]),
    );
    expect(conn.getSnapshot().participants.map(({ id, name, role, self }) => ({ id, name, role, self }))).toEqual([
      { id: 'self', name: 'Ada', role: 'editor', self: true },
      { id: 'u:bob', name: 'Bob', role: 'host', self: false },
      { id: 'g:cy', name: 'Cy', role: 'viewer', self: false },
    ]);
  });

  it('shows that the room edits wait to be stored until the server says they are stored', () => {
    const { conn, socket } = connectLive();
    expect(conn.getSnapshot().storageWaitingSince).toBeNull();
    socket.receive(appFrame({ type: 'storage', state: 'waiting', since: 1_234 }));
    expect(conn.getSnapshot().storageWaitingSince).toBe(1_234);
    socket.receive(appFrame({ type: 'storage', state: 'stored', since: 5_678 }));
    expect(conn.getSnapshot().storageWaitingSince).toBeNull();
    // A reconnect starts afresh: the server says again if the room still waits.
    socket.receive(appFrame({ type: 'storage', state: 'waiting', since: 9_999 }));
    socket.receive(roomState());
    expect(conn.getSnapshot().storageWaitingSince).toBeNull();
  });

  it('takes the class of the room from room-state, then its live changes', () => {
    const { conn, socket } = connectLive();
    expect(conn.getSnapshot().classInfo).toBeNull();
    const classInfo = { classId: 'c1', title: 'Algo', message: null, timer: null };
    socket.receive(
      appFrame({
        type: 'room-state',
        you: { id: 'u:me', color: '#60a5fa' },
        now: 0,
        role: 'editor',
        settings: defaultRoomSettings('python'),
        limits: { docMaxBytes: 1024 },
        run: null,
        submission: null,
        classInfo,
      }),
    );
    expect(conn.getSnapshot().classInfo).toEqual(classInfo);
    const message = { text: 'Break at 3', at: 5, by: 'Ines' };
    socket.receive(appFrame({ type: 'class', classInfo: { ...classInfo, message } }));
    expect(conn.getSnapshot().classInfo?.message).toEqual(message);
  });

  it('folds app messages into the run without answering them', () => {
    const { conn, socket } = connectLive();
    const sentBefore = socket.sent.length;
    socket.receive(roomState());
    socket.receive(
      appFrame({ type: 'run-started', run: { id: 'r1', startedBy: 'Bob', language: 'python', requestedAt: 5 } }),
    );
    socket.receive(
      appFrame({ type: 'run-event', runId: 'r1', event: { type: 'output', stream: 'stdout', data: 'hi\n' } }),
    );
    expect(conn.getSnapshot().run).toMatchObject({ id: 'r1', startedBy: 'Bob', events: [{ data: 'hi\n' }] });
    expect(socket.sent.length).toBe(sentBefore);
  });

  it('ignores malformed app messages', () => {
    const { conn, socket } = connectLive();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.App);
    encoding.writeVarString(encoder, '{"type":"room-state"}');
    socket.receive(encoding.toUint8Array(encoder));
    expect(conn.getSnapshot().run).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('sends run once, until the server answers, and stop only while a run is active', () => {
    const { conn, socket } = connectLive();
    expect(conn.stop()).toBe(false);
    expect(conn.run()).toBe(true);
    expect(conn.getSnapshot().pending).toBe('run');
    expect(conn.run()).toBe(false);
    socket.receive(
      appFrame({ type: 'run-started', run: { id: 'r1', startedBy: 'Ada', language: 'python', requestedAt: 5 } }),
    );
    expect(conn.getSnapshot().pending).toBeNull();
    expect(conn.run()).toBe(false);
    expect(conn.stop()).toBe(true);
    expect(socket.appMessages()).toEqual([{ type: 'run' }, { type: 'stop' }]);
  });

  it('sends submit once, follows the submission, and lets Stop stop it', () => {
    const { conn, socket } = connectLive();
    expect(conn.submit()).toBe(true);
    expect(conn.getSnapshot().pending).toBe('submit');
    expect(conn.submit()).toBe(false);
    expect(conn.run()).toBe(false);
    const submission = {
      id: 's1',
      submittedBy: 'Ada',
      language: 'python',
      problemSlug: 'sum',
      requestedAt: 5,
      total: 2,
    } as const;
    socket.receive(appFrame({ type: 'submission-started', submission }));
    expect(conn.getSnapshot()).toMatchObject({ pending: null, submission: { ...submission, events: [] } });
    // One room, one job: neither Run nor Submit while it is judged; Stop stops it.
    expect(conn.run()).toBe(false);
    expect(conn.submit()).toBe(false);
    expect(conn.stop()).toBe(true);
    const finished = { type: 'finished', verdict: 'accepted', passed: 2, total: 2, totalMs: 40 } as const;
    socket.receive(appFrame({ type: 'submission-event', submissionId: 's1', event: finished }));
    expect(conn.getSnapshot().submission?.events).toEqual([finished]);
    expect(conn.stop()).toBe(false);
    expect(conn.run()).toBe(true);
    expect(socket.appMessages()).toEqual([{ type: 'submit' }, { type: 'stop' }, { type: 'run' }]);
  });

  it('takes the last submission from the room state (late joiners)', () => {
    const { conn, socket } = connectLive();
    const submission: SubmissionView = {
      id: 's0',
      submittedBy: 'Bob',
      language: 'python',
      problemSlug: 'sum',
      requestedAt: 1,
      total: 1,
      events: [{ type: 'queued', position: 2 }],
    };
    socket.receive(roomState(undefined, submission));
    expect(conn.getSnapshot().submission).toEqual(submission);
    expect(conn.submit()).toBe(false);
  });

  it('notifies once per distinct message', () => {
    const { conn } = connectLive();
    conn.notify('Not on a problem');
    conn.notify('Not on a problem');
    expect(conn.getSnapshot().notices.map((n) => n.message)).toEqual(['Not on a problem']);
  });

  it('shows refusals as dismissible notices', () => {
    const { conn, socket } = connectLive();
    conn.run();
    socket.receive(appFrame({ type: 'refused', message: 'Too many runs, wait a moment.' }));
    const [notice] = conn.getSnapshot().notices;
    expect(notice?.message).toBe('Too many runs, wait a moment.');
    expect(conn.getSnapshot().pending).toBeNull();
    conn.dismissNotice(notice?.id ?? -1);
    expect(conn.getSnapshot().notices).toEqual([]);
  });

  it('shows a room notice without settling a pending request', () => {
    const { conn, socket } = connectLive();
    conn.run();
    socket.receive(appFrame({ type: 'notice', message: 'The servers cannot reach each other just now.' }));
    expect(conn.getSnapshot().notices.map((n) => n.message)).toEqual(['The servers cannot reach each other just now.']);
    expect(conn.getSnapshot().pending).not.toBeNull();
  });

  it('does not run while offline', () => {
    const { conn, socket } = connectLive();
    socket.serverClose(1006);
    expect(conn.getSnapshot().connection).toBe('offline');
    expect(conn.run()).toBe(false);
  });

  it('reconnects after a transient close and says why it closed', () => {
    const { conn, socket } = connectLive();
    socket.serverClose(CloseCode.ServerShutdown);
    expect(conn.getSnapshot()).toMatchObject({
      connection: 'offline',
      closeMessage: expect.stringMatching(/restarting/),
    });
    vi.advanceTimersByTime(3000);
    expect(FakeSocket.created.length).toBe(2);
  });

  it('stops reconnecting after a fatal close', () => {
    const { conn, socket } = connect();
    socket.open();
    socket.serverClose(CloseCode.RoomNotFound);
    expect(conn.getSnapshot()).toMatchObject({ connection: 'closed', fatal: { code: CloseCode.RoomNotFound } });
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.created.length).toBe(1);
  });

  it('asks the server to switch the language for everyone and swaps an untouched template', () => {
    const { conn, socket } = connectLive();
    expect(conn.setLanguage('javascript')).toBe(true);
    expect(socket.appMessages()).toEqual([{ type: 'set-language', language: 'javascript' }]);
    expect(conn.getSnapshot().language).toBe('javascript');
    expect(conn.code.toString()).toBe(findLanguageInfo('javascript')?.template);
    // Someone else's change, broadcast by the server, wins.
    socket.receive(appFrame({ type: 'settings', settings: defaultRoomSettings('go') }));
    expect(conn.getSnapshot().language).toBe('go');
  });

  it('puts the swapped starting code back when the server refuses the language change', () => {
    const { conn, socket } = connectLive();
    const python = conn.code.toString();
    conn.setLanguage('javascript');
    expect(conn.code.toString()).toBe(findLanguageInfo('javascript')?.template);
    socket.receive(appFrame({ type: 'refused', message: 'The hosts locked the language.' }));
    socket.receive(appFrame({ type: 'settings', settings: defaultRoomSettings('python') }));
    expect(conn.getSnapshot().language).toBe('python');
    expect(conn.code.toString()).toBe(python);
  });

  it('keeps the new starting code when the change is accepted, and code edited after a refused one', () => {
    const { conn, socket } = connectLive();
    conn.setLanguage('javascript');
    socket.receive(appFrame({ type: 'settings', settings: defaultRoomSettings('javascript') }));
    expect(conn.code.toString()).toBe(findLanguageInfo('javascript')?.template);
    conn.setLanguage('go');
    conn.code.insert(0, '// mine\n');
    socket.receive(appFrame({ type: 'refused', message: 'The hosts locked the language.' }));
    socket.receive(appFrame({ type: 'settings', settings: defaultRoomSettings('javascript') }));
    expect(conn.code.toString()).toBe(`// mine\n${findLanguageInfo('go')?.template}`);
  });

  it('does not switch the language offline', () => {
    const { conn, socket } = connectLive();
    socket.serverClose(1006);
    expect(conn.setLanguage('javascript')).toBe(false);
    expect(conn.getSnapshot().language).toBe('python');
    expect(conn.code.toString()).toBe(findLanguageInfo('python')?.template);
  });

  it('swaps untouched code for the problem’s starter code of the new language', () => {
    const { conn } = connectLive();
    const starter = { python: 'def solve():\n    pass\n', javascript: 'function solve() {}\n' };
    conn.setLanguage('javascript', starter);
    expect(conn.code.toString()).toBe(starter.javascript);
    conn.setLanguage('python', starter);
    expect(conn.code.toString()).toBe(starter.python);
    conn.code.insert(0, '# mine\n');
    conn.setLanguage('javascript', starter);
    expect(conn.code.toString()).toBe(`# mine\n${starter.python}`);
  });

  it('stops reconnecting when refused as not a participant or disabled', () => {
    for (const code of [CloseCode.Forbidden, CloseCode.AccountDisabled]) {
      FakeSocket.created = [];
      const { conn, socket } = connect();
      socket.open();
      socket.serverClose(code);
      expect(conn.getSnapshot()).toMatchObject({ connection: 'closed', fatal: { code } });
      vi.advanceTimersByTime(10_000);
      expect(FakeSocket.created.length).toBe(1);
      conn.close();
    }
  });

  it("keeps the chat (history, then new messages once each) and the room's leader, and sends chat and follow-me", () => {
    const { conn, socket } = connectLive();
    const message = (id: string, text: string) => ({
      id,
      author: { id: 'u:ann', name: 'Ann', color: '#123456' },
      at: 1,
      text,
    });
    expect(conn.getSnapshot()).toMatchObject({ selfId: 'u:me', chat: [], chatLoaded: false, leader: null });
    socket.receive(appFrame({ type: 'chat-history', messages: [message('a', 'earlier')] }));
    socket.receive(appFrame({ type: 'chat', message: message('b', 'now') }));
    socket.receive(appFrame({ type: 'chat', message: message('b', 'now') }));
    expect(conn.getSnapshot().chatLoaded).toBe(true);
    expect(conn.getSnapshot().chat.map((m) => m.text)).toEqual(['earlier', 'now']);

    socket.receive(appFrame({ type: 'follow', leader: { id: 'u:ann', name: 'Ann' } }));
    expect(conn.getSnapshot().leader).toEqual({ id: 'u:ann', name: 'Ann' });
    // A new join says again who leads (after its room-state); until then no one does.
    socket.receive(roomState());
    expect(conn.getSnapshot().leader).toBeNull();

    expect(conn.sendChat('hi')).toBe(true);
    expect(conn.followMe(true)).toBe(true);
    expect(socket.appMessages()).toEqual([
      { type: 'chat', text: 'hi' },
      { type: 'follow-me', on: true },
    ]);
  });
});
