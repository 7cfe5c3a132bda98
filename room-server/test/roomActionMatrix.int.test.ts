import {
  type ClientMessage,
  CloseCode,
  DocKeys,
  encodeAppFrame,
  MessageType,
  type ServerMessage,
} from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { readZip } from '../src/problems/zipFiles.ts';
import {
  connectClient,
  createRoom,
  createTestJudge,
  invite,
  join,
  openTestDatabase,
  Session,
  signedIn,
  startTestServer,
  waitFor,
} from './harness.ts';
import { addTests, createProblem } from './problemFixtures.ts';
import { RawSocket, wsFrame } from './rawSocket.ts';

/**
 * Every room action, by every kind of person, through the real socket and routes: the
 * server decides each outcome. The owner (a host) made the room; the co-host, editor and
 * viewer are members it invited with those roles, the guest came in without an account
 * as an editor; `member` is signed in but not in the room, `stranger` another host.
 * An admin, a host everywhere and none of the actors, watches each room to see what
 * reached the others.
 */
const ACTORS = ['owner', 'coHost', 'editor', 'viewer', 'guest', 'member', 'stranger'] as const;
type Actor = (typeof ACTORS)[number];
const NAMES: Record<Actor, string> = {
  owner: 'Olive',
  coHost: 'Cora',
  editor: 'Eddie',
  viewer: 'Vera',
  guest: 'Gus',
  member: 'Mona',
  stranger: 'Stan',
};
const OUTSIDERS: readonly Actor[] = ['member', 'stranger'];

/**
 * What happened: `allowed` (the action took effect: the edit reached the others, the run
 * started, ...), `refused` (the server said no to the one who asked, and nothing reached
 * anyone), a close code (the socket was refused), an HTTP status, or words for anything else.
 */
type Outcome = string | number;
const A = 'allowed';
const R = 'refused';
const F = CloseCode.Forbidden;

/** Export outcomes: a host's zip holds the private notes, anyone else's does not. */
const WN = 'with notes';
const NN = 'without notes';

/** The matrix: for each action, the outcome for each actor, in the order of ACTORS. */
// biome-ignore format: a table, one row per action
const MATRIX = {
  //         owner coHost editor viewer guest member stranger
  join:      [A,   A,     A,     A,     A,    F,     F],
  edit:      [A,   A,     A,     R,     A,    F,     F],
  awareness: [A,   A,     A,     A,     A,    F,     F],
  run:       [A,   A,     A,     R,     A,    F,     F],
  submit:    [A,   A,     A,     R,     A,    F,     F],
  stop:      [A,   A,     A,     R,     A,    F,     F],
  language:  [A,   A,     A,     R,     A,    F,     F],
  chat:      [A,   A,     A,     A,     A,    F,     F],
  followMe:  [A,   A,     R,     R,     R,    F,     F],
  lock:      [200, 200,   403,   403,   403,  404,   404],
  remove:    [204, 204,   403,   403,   403,  404,   404],
  invite:    [201, 201,   403,   403,   401,  404,   404],
  notes:     [A,   A,     403,   403,   403,  404,   404],
  playback:  [200, 200,   404,   404,   404,  404,   404],
  export:    [WN,  WN,    NN,    NN,    NN,   404,   404],
  end:       [200, 200,   403,   403,   403,  404,   404],
  // A guest has no access to an ended room, so it is not theirs to reopen either.
  reopen:    [200, 200,   403,   403,   404,  404,   404],
} satisfies Record<string, readonly Outcome[]>;
type Action = keyof typeof MATRIX;

let database: Database;
let server: RoomServer;
const judge = createTestJudge();
const sessions = {} as Record<Actor, Session>;
let admin: Session;
type Client = ReturnType<typeof connectClient>;
const clients: Client[] = [];
/** The admin's sockets in each room: one watches, one sends the marks that tell the room has caught up. */
const watchers = new Map<string, { watch: Client; pen: Client }>();
let counter = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge });
  const [owner, coHost, editor, viewer, member, stranger, author] = await Promise.all([
    signedIn(server, database, 'host', NAMES.owner),
    signedIn(server, database, 'member', NAMES.coHost),
    signedIn(server, database, 'member', NAMES.editor),
    signedIn(server, database, 'member', NAMES.viewer),
    signedIn(server, database, 'member', NAMES.member),
    signedIn(server, database, 'host', NAMES.stranger),
    signedIn(server, database, 'author'),
  ]);
  admin = await signedIn(server, database, 'admin', 'Ada');
  Object.assign(sessions, { owner, coHost, editor, viewer, member, stranger, guest: new Session(server) });
  // Code that runs until stopped, so every job is still going when someone presses Stop.
  await createProblem(author, {
    slug: 'matrix-sleep',
    visibility: 'published',
    starterCode: { python: 'import time\ntime.sleep(30)\n' },
  });
  await addTests(author, 'matrix-sleep', [{ kind: 'hidden', input: '\n', output: '\n' }]);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.close();
  await judge.close();
  await database.close();
});

/** A room of the owner's with the co-host, editor, viewer and guest let in through invites of their roles. */
async function castRoom(problemSlug?: string): Promise<string> {
  const owner = sessions.owner;
  const roomId = await createRoom(owner, 'python', problemSlug);
  const entries: [Actor, string][] = [
    ['coHost', await invite(owner, roomId, false, 'host')],
    ['editor', await invite(owner, roomId, false, 'editor')],
    ['viewer', await invite(owner, roomId, false, 'viewer')],
    ['guest', await invite(owner, roomId, true, 'editor')],
  ];
  for (const [actor, token] of entries) {
    const res = await join(sessions[actor], roomId, token, actor === 'guest' ? NAMES.guest : undefined);
    if (res.status !== 200) throw new Error(`join as ${actor}: ${res.status} ${await res.text()}`);
  }
  return roomId;
}

async function connect(session: Session, roomId: string): Promise<Client> {
  const client = connectClient(server, roomId, session);
  clients.push(client);
  await client.synced;
  return client;
}

async function watcherOf(roomId: string) {
  let found = watchers.get(roomId);
  if (!found) {
    found = { watch: await connect(admin, roomId), pen: await connect(admin, roomId) };
    watchers.set(roomId, found);
  }
  return found;
}

/** The app messages `client` received after the first `from`. */
const messagesOf = (client: Client, from = 0): ServerMessage[] =>
  client.messages.slice(from).map(({ message }) => message);

const codeOf = (client: Client) => client.doc.getText(DocKeys.code).toString();

/**
 * Resolves once the room has handled everything sent to it before: an awareness update of
 * the admin's pen reaches the watcher behind anything the room relayed earlier (awareness,
 * not an edit, as an ended room takes no edits from anyone).
 */
async function settled(roomId: string): Promise<void> {
  const { watch, pen } = await watcherOf(roomId);
  const own = pen.provider.awareness;
  own.setLocalStateField('cursor', null);
  const clock = own.meta.get(own.clientID)?.clock ?? 0;
  await waitFor(() => (watch.provider.awareness.meta.get(own.clientID)?.clock ?? -1) >= clock, 5_000, 'the mark');
}

/**
 * What the room socket answers `actor` on a raw socket (with `query`), sending `frame` right
 * after the upgrade: the close code, or `open` when the room talked to them.
 */
async function socketAnswer(actor: Actor, roomId: string, frame?: Uint8Array, query?: string): Promise<Outcome> {
  const cookie = sessions[actor].cookieHeader;
  const raw = await RawSocket.open(server.url, roomId, { cookie, origin: server.url, query });
  if (raw.status !== 101) return `HTTP ${raw.status}`;
  if (frame) raw.write(wsFrame({ payload: frame }));
  await waitFor(() => raw.received.length > 0 || raw.isEnded, 5_000, 'an answer');
  raw.destroy();
  return raw.closeCode ?? 'open';
}

function syncUpdateFrame(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(DocKeys.code).insert(0, text);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

/** A claimed name and colour: never what the others should see. */
const CLAIMED = { name: 'Ada (admin)', color: '#000000' };

function awarenessFrame(doc: Y.Doc): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalStateField('user', CLAIMED);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(encoder);
}

// Socket actions. An outsider's frame goes on a raw socket right after the upgrade;
// whatever the socket answers, the room must not have acted on it.

async function editAs(actor: Actor, roomId: string): Promise<Outcome> {
  const { watch } = await watcherOf(roomId);
  const marker = `edit-by-${actor}-${++counter}`;
  const reached = () => codeOf(watch).includes(marker);
  if (OUTSIDERS.includes(actor)) {
    const answer = await socketAnswer(actor, roomId, syncUpdateFrame(marker));
    await settled(roomId);
    return reached() ? A : answer;
  }
  const client = await connect(sessions[actor], roomId);
  const refused = () => messagesOf(client).some((m) => m.type === 'update-refused' && m.reason === 'read-only');
  client.doc.getText(DocKeys.code).insert(0, marker);
  await waitFor(() => reached() || refused(), 5_000, 'the edit to reach the room or be refused');
  client.close();
  if (reached()) return refused() ? 'refused, yet relayed' : A;
  await settled(roomId);
  return reached() ? 'refused, yet relayed' : R;
}

/** `allowed`: the others see the cursor, under the name and colour the server knows, never the claimed ones. */
async function awarenessAs(actor: Actor, roomId: string): Promise<Outcome> {
  const { watch } = await watcherOf(roomId);
  const stateOf = (clientId: number) => watch.provider.awareness.getStates().get(clientId);
  if (OUTSIDERS.includes(actor)) {
    const doc = new Y.Doc();
    const answer = await socketAnswer(actor, roomId, awarenessFrame(doc));
    await settled(roomId);
    return stateOf(doc.clientID) ? 'relayed' : answer;
  }
  const client = await connect(sessions[actor], roomId);
  const own = client.provider.awareness;
  own.setLocalStateField('user', CLAIMED);
  const clock = own.meta.get(own.clientID)?.clock ?? 0;
  await waitFor(
    () => (watch.provider.awareness.meta.get(own.clientID)?.clock ?? -1) >= clock,
    5_000,
    'the claimed state to reach the watcher',
  );
  const user = stateOf(own.clientID)?.user as { name?: string; color?: string } | undefined;
  client.close();
  return user?.name === NAMES[actor] && user.color !== CLAIMED.color ? A : `seen as ${JSON.stringify(user)}`;
}

/**
 * Sends `message` as `actor`; `allowed` when `tookEffect` sees its effect among the
 * watcher's messages, `refused` when the actor was refused and nothing happened.
 */
async function appMessageAs(
  actor: Actor,
  roomId: string,
  message: ClientMessage,
  tookEffect: (seen: ServerMessage[]) => boolean,
): Promise<Outcome> {
  const { watch } = await watcherOf(roomId);
  const from = watch.messages.length;
  const effect = () => tookEffect(messagesOf(watch, from));
  if (OUTSIDERS.includes(actor)) {
    const answer = await socketAnswer(actor, roomId, encodeAppFrame(message));
    await settled(roomId);
    return effect() ? A : answer;
  }
  const client = await connect(sessions[actor], roomId);
  const refused = () => messagesOf(client).some((m) => m.type === 'refused');
  client.send(message);
  await waitFor(() => effect() || refused(), 10_000, `${message.type} to take effect or be refused`);
  client.close();
  if (effect()) return refused() ? 'refused, yet done' : A;
  await settled(roomId);
  return effect() ? 'refused, yet done' : R;
}

const isRunStarted = (by: Actor) => (seen: ServerMessage[]) =>
  seen.some((m) => m.type === 'run-started' && m.run.startedBy === NAMES[by]);
const isJobEnd = (m: ServerMessage) =>
  (m.type === 'run-event' && m.event.type === 'exit') || (m.type === 'submission-event' && m.event.type === 'finished');

/** Stops the room's job (as the admin), if one is going, and waits until it is over. */
async function stopJob(roomId: string, from: number): Promise<void> {
  const { watch } = await watcherOf(roomId);
  const seen = () => messagesOf(watch, from);
  if (!seen().some((m) => m.type === 'run-started' || m.type === 'submission-started')) return;
  watch.send({ type: 'stop' });
  await waitFor(() => seen().some(isJobEnd), 15_000, 'the job to end');
}

async function runAs(actor: Actor, roomId: string): Promise<Outcome> {
  const from = (await watcherOf(roomId)).watch.messages.length;
  try {
    return await appMessageAs(actor, roomId, { type: 'run' }, isRunStarted(actor));
  } finally {
    await stopJob(roomId, from);
  }
}

async function submitAs(actor: Actor, roomId: string): Promise<Outcome> {
  const from = (await watcherOf(roomId)).watch.messages.length;
  const started = (seen: ServerMessage[]) =>
    seen.some((m) => m.type === 'submission-started' && m.submission.submittedBy === NAMES[actor]);
  try {
    return await appMessageAs(actor, roomId, { type: 'submit' }, started);
  } finally {
    await stopJob(roomId, from);
  }
}

/** The admin starts a run that only Stop ends; `allowed` when the actor's Stop ends it. */
async function stopAs(actor: Actor, roomId: string): Promise<Outcome> {
  const { watch } = await watcherOf(roomId);
  const from = watch.messages.length;
  watch.send({ type: 'run' });
  await waitFor(() => messagesOf(watch, from).some((m) => m.type === 'run-started'), 5_000, "the admin's run");
  const stopped = (seen: ServerMessage[]) =>
    seen.some((m) => m.type === 'run-event' && m.event.type === 'exit' && m.event.outcome === 'stopped');
  try {
    return await appMessageAs(actor, roomId, { type: 'stop' }, stopped);
  } finally {
    await stopJob(roomId, from);
  }
}

/** Asks for the language the room does not have now. */
async function languageAs(actor: Actor, roomId: string): Promise<Outcome> {
  const { watch } = await watcherOf(roomId);
  const current = messagesOf(watch)
    .flatMap((m) => (m.type === 'room-state' || m.type === 'settings' ? [m.settings.language] : []))
    .at(-1);
  const language = current === 'python' ? 'cpp' : 'python';
  return appMessageAs(actor, roomId, { type: 'set-language', language }, (seen) =>
    seen.some((m) => m.type === 'settings' && m.settings.language === language),
  );
}

/** `allowed`: the message reaches the watcher under the actor's name. */
async function chatAs(actor: Actor, roomId: string): Promise<Outcome> {
  const text = `chat-by-${actor}-${++counter}`;
  return appMessageAs(actor, roomId, { type: 'chat', text }, (seen) =>
    seen.some((m) => m.type === 'chat' && m.message.text === text && m.message.author.name === NAMES[actor]),
  );
}

/** `allowed`: everyone is told to follow the actor. */
async function followMeAs(actor: Actor, roomId: string): Promise<Outcome> {
  return appMessageAs(actor, roomId, { type: 'follow-me', on: true }, (seen) =>
    seen.some((m) => m.type === 'follow' && m.leader?.name === NAMES[actor]),
  );
}

async function joinAs(actor: Actor, roomId: string): Promise<Outcome> {
  const answer = await socketAnswer(actor, roomId);
  return answer === 'open' ? A : answer;
}

// Routes.

const post = (session: Session, path: string, json: unknown = {}) => session.fetch(path, { method: 'POST', json });

async function isEnded(roomId: string): Promise<boolean> {
  const res = await sessions.owner.fetch(`/api/rooms/${roomId}`);
  return ((await res.json()) as { ended: boolean }).ended;
}

async function reopen(roomId: string): Promise<void> {
  expect((await post(sessions.owner, `/api/rooms/${roomId}/reopen`)).status).toBe(200);
}

/** The status, when it agrees with whether the room ended; the room is open again afterwards. */
async function endAs(actor: Actor, roomId: string): Promise<Outcome> {
  const { status } = await post(sessions[actor], `/api/rooms/${roomId}/end`);
  const ended = await isEnded(roomId);
  if (ended) await reopen(roomId);
  return ended === (status === 200) ? status : `${status}, ended: ${ended}`;
}

async function reopenAs(actor: Actor, roomId: string): Promise<Outcome> {
  expect((await post(sessions.owner, `/api/rooms/${roomId}/end`)).status).toBe(200);
  const { status } = await post(sessions[actor], `/api/rooms/${roomId}/reopen`);
  const ended = await isEnded(roomId);
  if (ended) await reopen(roomId);
  return ended === (status !== 200) ? status : `${status}, ended: ${ended}`;
}

/** A guest of its own joins each time, so every actor removes someone still there. */
async function removeAs(actor: Actor, roomId: string): Promise<Outcome> {
  const owner = sessions.owner;
  await join(new Session(server), roomId, await invite(owner, roomId, true), `Target ${++counter}`);
  const listed = (await (await owner.fetch(`/api/rooms/${roomId}/participants`)).json()) as {
    items: { id: string }[];
  };
  const target = listed.items.at(-1)?.id ?? '';
  return (await sessions[actor].fetch(`/api/rooms/${roomId}/participants/${target}`, { method: 'DELETE' })).status;
}

/** `allowed`: the notes socket opens and the scorecard is read; else the scorecard's status, the socket refused. */
async function notesAs(actor: Actor, roomId: string): Promise<Outcome> {
  const socket = await socketAnswer(actor, roomId, undefined, '&doc=notes');
  const { status } = await sessions[actor].fetch(`/api/rooms/${roomId}/scorecard`);
  if (socket === 'open' && status === 200) return A;
  return socket === F ? status : `notes socket: ${socket}, scorecard: ${status}`;
}

async function exportAs(actor: Actor, roomId: string): Promise<Outcome> {
  const res = await sessions[actor].fetch(`/api/rooms/${roomId}/export`);
  if (res.status !== 200) return res.status;
  const limits = { maxEntries: 50, maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 22 };
  const entries = readZip(new Uint8Array(await res.arrayBuffer()), limits);
  return entries.has('notes.md') ? WN : NN;
}

const playbackAs = async (actor: Actor, roomId: string): Promise<Outcome> =>
  (await sessions[actor].fetch(`/api/rooms/${roomId}/playback`)).status;

/**
 * Each action, and the room it is tried in: actions whose effects would get in each
 * other's way (a job holds the room's slot, the end closes it) have rooms of their own.
 */
const ACTIONS: Record<Action, { room: RoomKind; as(actor: Actor, roomId: string): Promise<Outcome> }> = {
  join: { room: 'plain', as: joinAs },
  edit: { room: 'plain', as: editAs },
  awareness: { room: 'plain', as: awarenessAs },
  run: { room: 'problem', as: runAs },
  submit: { room: 'problem', as: submitAs },
  stop: { room: 'problem', as: stopAs },
  language: { room: 'language', as: languageAs },
  chat: { room: 'plain', as: chatAs },
  followMe: { room: 'plain', as: followMeAs },
  lock: {
    room: 'plain',
    as: async (actor, roomId) =>
      (
        await sessions[actor].fetch(`/api/rooms/${roomId}/controls`, {
          method: 'PATCH',
          json: { runPolicy: 'everyone' },
        })
      ).status,
  },
  remove: { room: 'plain', as: removeAs },
  // An invite for accounts: guest invites also need a host account (the co-host here is a
  // member; practiceRooms.int tests that rule).
  invite: {
    room: 'plain',
    as: async (actor, roomId) =>
      (await post(sessions[actor], `/api/rooms/${roomId}/invites`, { allowGuests: false })).status,
  },
  notes: { room: 'plain', as: notesAs },
  playback: { room: 'plain', as: playbackAs },
  export: { room: 'plain', as: exportAs },
  end: { room: 'session', as: endAs },
  reopen: { room: 'session', as: reopenAs },
};

type RoomKind = 'plain' | 'problem' | 'language' | 'session';
const rooms = {} as Record<RoomKind, string>;

describe('room action × actor matrix', () => {
  beforeAll(async () => {
    rooms.plain = await castRoom();
    rooms.problem = await castRoom('matrix-sleep');
    rooms.language = await castRoom();
    rooms.session = await castRoom();
  });

  for (const [action, expected] of Object.entries(MATRIX) as [Action, readonly Outcome[]][]) {
    ACTORS.forEach((actor, column) => {
      it(`${action} as ${actor}: ${expected[column]}`, async () => {
        const { room, as } = ACTIONS[action];
        expect(await as(actor, rooms[room])).toBe(expected[column]);
      });
    });
  }
});

describe("under the hosts' controls", () => {
  const patchControls = async (roomId: string, controls: Record<string, unknown>) =>
    expect(
      (await sessions.owner.fetch(`/api/rooms/${roomId}/controls`, { method: 'PATCH', json: controls })).status,
    ).toBe(200);

  it("run policy 'hosts': the editor's run and submit are refused, the co-host's run starts", async () => {
    const roomId = await castRoom('matrix-sleep');
    await patchControls(roomId, { runPolicy: 'hosts' });
    expect(await runAs('editor', roomId)).toBe(R);
    expect(await submitAs('guest', roomId)).toBe(R);
    expect(await runAs('coHost', roomId)).toBe(A);
    expect(await stopAs('editor', roomId)).toBe(R);
  });

  it("language lock: the editor's and guest's changes are refused, the co-host's goes through", async () => {
    const roomId = await castRoom();
    await patchControls(roomId, { languageLocked: true });
    expect(await languageAs('editor', roomId)).toBe(R);
    expect(await languageAs('guest', roomId)).toBe(R);
    expect(await languageAs('coHost', roomId)).toBe(A);
    expect(await runAs('editor', roomId)).toBe(A);
  });

  it('edit lock: editors and guests become viewers, hosts still edit', async () => {
    const roomId = await castRoom();
    await patchControls(roomId, { editingLocked: true });
    expect(await editAs('editor', roomId)).toBe(R);
    expect(await editAs('guest', roomId)).toBe(R);
    expect(await languageAs('editor', roomId)).toBe(R);
    expect(await editAs('coHost', roomId)).toBe(A);
    await patchControls(roomId, { editingLocked: false });
    expect(await editAs('editor', roomId)).toBe(A);
  });

  it('playback for all: everyone in the room may watch it, no one else', async () => {
    const roomId = await castRoom();
    await patchControls(roomId, { playbackForAll: true });
    const seen = await Promise.all(ACTORS.map((actor) => playbackAs(actor, roomId)));
    expect(seen).toEqual([200, 200, 200, 200, 200, 404, 404]);
  });

  it('after the end: members watch read-only, guests are refused at the socket, jobs are refused to all', async () => {
    const roomId = await castRoom('matrix-sleep');
    await watcherOf(roomId);
    expect((await post(sessions.owner, `/api/rooms/${roomId}/end`)).status).toBe(200);
    expect(await joinAs('guest', roomId)).toBe(CloseCode.Ended);
    expect(await joinAs('viewer', roomId)).toBe(A);
    expect(await editAs('editor', roomId)).toBe(R);
    expect(await runAs('coHost', roomId)).toBe(R);
    expect(await chatAs('viewer', roomId)).toBe(R);
    expect(await followMeAs('owner', roomId)).toBe(R);
    expect(await exportAs('guest', roomId)).toBe(404);
    expect(await exportAs('editor', roomId)).toBe(NN);
  });
});
