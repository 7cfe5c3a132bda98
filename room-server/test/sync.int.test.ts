import { type ClientMessage, CloseCode, DocKeys, findLanguage } from '@codestream/shared';
import { Binary } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  startTestServer,
  waitFor,
} from './harness.ts';

let database: Database;
let server: RoomServer;
const judge = createTestJudge();
type Client = ReturnType<typeof connectClient>;
const clients: Client[] = [];

function roomState(client: Client) {
  const found = client.messages.find((m) => m.message.type === 'room-state')?.message;
  return found?.type === 'room-state' ? found : undefined;
}
async function room(names: string[], language = 'python') {
  const { roomId, sessions } = await roomWithPeople(server, database, names, language);
  const joined = sessions.map((session) => connectClient(server, roomId, session));
  clients.push(...joined);
  return joined;
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
  await judge.close();
  await database.close();
});

describe('shared editing', () => {
  it('seeds a new room with its template; the language comes in the room state, not the doc', async () => {
    const [ann] = await room(['Ann'], 'javascript');
    if (!ann) throw new Error('no client');
    await ann.synced;
    expect(ann.doc.getText(DocKeys.code).toString()).toBe(findLanguage('javascript')?.template);
    expect(ann.doc.share.has('settings')).toBe(false);
    await waitFor(() => roomState(ann) !== undefined, 5_000, 'room state');
    expect(roomState(ann)).toMatchObject({
      settings: { language: 'javascript' },
      limits: { docMaxBytes: 2 * 1024 * 1024 },
    });
  });

  it('two clients converge on concurrent edits', async () => {
    const [ann, bob] = await room(['Ann', 'Bob']);
    if (!ann || !bob) throw new Error('no client');
    await Promise.all([ann.synced, bob.synced]);
    const annText = ann.doc.getText(DocKeys.code);
    const bobText = bob.doc.getText(DocKeys.code);
    for (let i = 0; i < 20; i++) {
      annText.insert(0, `a${i};`);
      bobText.insert(bobText.length, `b${i};`);
    }
    ann.doc.getText(DocKeys.stdin).insert(0, '42\n');
    const converged = () =>
      annText.toString() === bobText.toString() &&
      annText.toString().includes('a19;') &&
      annText.toString().includes('b19;');
    await waitFor(converged, 5_000, 'convergence');
    expect(annText.toString()).toBe(bobText.toString());
    await waitFor(() => bob.doc.getText(DocKeys.stdin).toString() === '42\n', 5_000, 'stdin sync');
  });

  it('a late joiner receives the whole document', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Carl']);
    const [annSession, carlSession] = sessions;
    if (!annSession || !carlSession) throw new Error('no session');
    const ann = connectClient(server, roomId, annSession);
    clients.push(ann);
    await ann.synced;
    const text = ann.doc.getText(DocKeys.code);
    text.delete(0, text.length);
    text.insert(0, 'print("late joiners see this")\n'.repeat(200));
    ann.send({ type: 'set-language', language: 'javascript' });
    await waitFor(() => ann.messages.some((m) => m.message.type === 'settings'), 5_000, 'settings broadcast');
    const carl = connectClient(server, roomId, carlSession);
    clients.push(carl);
    await carl.synced;
    await waitFor(() => carl.doc.getText(DocKeys.code).toString() === text.toString(), 5_000, 'late join');
    await waitFor(() => roomState(carl) !== undefined, 5_000, 'room state');
    expect(roomState(carl)?.settings).toMatchObject({ language: 'javascript' });
  });

  it('changes the language for everyone and stores it at once', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
    const [ann, bob] = sessions.map((session) => connectClient(server, roomId, session)) as [Client, Client];
    clients.push(ann, bob);
    await Promise.all([ann.synced, bob.synced]);
    ann.send({ type: 'set-language', language: 'rust' });
    for (const client of [ann, bob]) {
      await waitFor(() => client.messages.some((m) => m.message.type === 'settings'), 5_000, 'settings');
      expect(client.messages.find((m) => m.message.type === 'settings')?.message).toMatchObject({
        type: 'settings',
        settings: { language: 'rust' },
      });
    }
    // Stored without waiting for the doc's debounced store, and without anyone leaving.
    await waitFor(async () => (await database.rooms.findMeta(roomId))?.language === 'rust', 1_000, 'stored');
  });

  it('opens a room stored before the language left the doc, and edits it as any other', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob'], 'java');
    const legacy = new Y.Doc();
    legacy.getMap('settings').set('language', 'java');
    legacy.getText(DocKeys.code).insert(0, 'class Main {}\n');
    // As the room was stored before the update log: the whole doc on its record, nothing logged.
    await database.db
      .collection<{ _id: string }>('rooms')
      .updateOne({ _id: roomId }, { $set: { doc: new Binary(Y.encodeStateAsUpdate(legacy)) } });
    const [ann, bob] = sessions.map((session) => connectClient(server, roomId, session)) as [Client, Client];
    clients.push(ann, bob);
    await Promise.all([ann.synced, bob.synced]);
    await waitFor(() => roomState(ann) !== undefined, 5_000, 'room state');
    expect(roomState(ann)?.settings).toMatchObject({ language: 'java' });
    ann.doc.getText(DocKeys.code).insert(0, '// edited\n');
    await waitFor(() => bob.doc.getText(DocKeys.code).toString() === '// edited\nclass Main {}\n', 5_000, 'edit');
    expect(ann.provider.wsconnected).toBe(true);
  });

  it('closes a socket asking for a language that does not exist, and changes nothing', async () => {
    const { roomId, sessions } = await roomWithPeople(server, database, ['Ann', 'Bob']);
    const [ann, bob] = sessions.map((session) => connectClient(server, roomId, session)) as [Client, Client];
    clients.push(ann, bob);
    await Promise.all([ann.synced, bob.synced]);
    const closed = new Promise<number>((resolve) =>
      ann.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)),
    );
    ann.send({ type: 'set-language', language: { evil: true } } as unknown as ClientMessage);
    expect(await closed).toBe(CloseCode.MalformedMessage);
    expect(bob.messages.some((m) => m.message.type === 'settings')).toBe(false);
    expect((await database.rooms.findMeta(roomId))?.language).toBe('python');
  });

  it('shares names through awareness and removes them when a client leaves', async () => {
    const [ann, bob] = await room(['Ann', 'Bob']);
    if (!ann || !bob) throw new Error('no client');
    await Promise.all([ann.synced, bob.synced]);
    ann.provider.awareness.setLocalStateField('user', { name: 'Ann', color: '#f00' });
    const annId = ann.doc.clientID;
    await waitFor(() => bob.provider.awareness.getStates().get(annId)?.user?.name === 'Ann', 5_000, 'awareness');
    // Leaving without a clean awareness removal (as a crashed tab would): the server removes it.
    ann.provider.shouldConnect = false;
    (ann.provider.ws as unknown as WebSocket).terminate();
    await waitFor(() => !bob.provider.awareness.getStates().has(annId), 5_000, 'awareness removal');
  });
});
