import type { PlaybackTimeline } from '@codestream/shared';
import { CHAT_MAX_CHARS, type ClientMessage } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { readZip } from '../src/problems/zipFiles.ts';
import { createRoom, invite, join, type Session, signedIn, waitFor } from './harness.ts';
import { type TestClient as Client, received, useRoomServer } from './roomServerFixture.ts';

// The room chat and "Follow me" on the real server and database: who may, what is
// stored, what everyone (and a late joiner, and a restarted server) sees.

const app = useRoomServer();

/** A host's room with an editor and a viewer who joined through invitations, all connected. */
async function chatRoom() {
  const host = await signedIn(app.server, app.database, 'host', 'Hana');
  const roomId = await createRoom(host);
  const editor = await signedIn(app.server, app.database, 'member', 'Eddie');
  const viewer = await signedIn(app.server, app.database, 'member', 'Vera');
  expect((await join(editor, roomId, await invite(host, roomId, false, 'editor'))).status).toBe(200);
  expect((await join(viewer, roomId, await invite(host, roomId, false, 'viewer'))).status).toBe(200);
  const [hana, eddie, vera] = [host, editor, viewer].map((session) => app.connect(session, roomId));
  await Promise.all([hana, eddie, vera].map((client) => (client as Client).synced));
  return { roomId, host, editor, viewer, hana: hana as Client, eddie: eddie as Client, vera: vera as Client };
}

const texts = (client: Client) => received(client, 'chat').map((m) => m.message.text);
const refusals = (client: Client) => received(client, 'refused').map((m) => m.message);

async function chatReaches(to: Client, text: string) {
  await waitFor(() => texts(to).includes(text), 5_000, `"${text}" to arrive`);
}

describe('room chat', () => {
  it('stores and sends a message under the identity the server knows, whatever the client claims', async () => {
    const { roomId, editor, hana, eddie } = await chatRoom();
    eddie.provider.awareness.setLocalStateField('user', { name: 'Ada (admin)', color: '#000000' });
    const forged = { type: 'chat', text: '  hi all  ', author: { id: 'u:admin', name: 'Ada (admin)' } };
    eddie.send(forged as ClientMessage);
    await chatReaches(hana, 'hi all');
    await chatReaches(eddie, 'hi all');
    const [message] = received(hana, 'chat');
    expect(message?.message.author).toEqual({ id: `u:${editor.user?.id}`, name: 'Eddie', color: expect.any(String) });
    expect(message?.message.author.color).not.toBe('#000000');
    const stored = await app.database.roomChat.list(roomId, 10);
    expect(stored).toEqual([expect.objectContaining({ _id: message?.message.id, text: 'hi all', room: roomId })]);
    expect(stored[0]?.author.name).toBe('Eddie');
  });

  it('lets a viewer chat, sends the history to a joiner, and has the chat in the playback timeline and the export', async () => {
    const { roomId, host, viewer, hana, vera } = await chatRoom();
    vera.send({ type: 'chat', text: 'viewer here' });
    await chatReaches(hana, 'viewer here');
    hana.send({ type: 'chat', text: 'welcome' });
    await chatReaches(vera, 'welcome');
    expect(refusals(vera)).toEqual([]);

    const late = app.connect(host, roomId);
    await late.synced;
    await waitFor(() => received(late, 'chat-history').length > 0, 5_000, 'the history');
    expect(received(late, 'chat-history')[0]?.messages.map((m) => [m.author.name, m.text])).toEqual([
      ['Vera', 'viewer here'],
      ['Hana', 'welcome'],
    ]);

    const timeline = (await (await host.fetch(`/api/rooms/${roomId}/playback`)).json()) as PlaybackTimeline;
    expect(timeline.chat.map((m) => m.text)).toEqual(['viewer here', 'welcome']);
    expect(timeline.chat[0]?.at).toBeGreaterThanOrEqual(timeline.startAt);
    expect(timeline.endAt).toBeGreaterThanOrEqual(timeline.chat[1]?.at ?? Number.POSITIVE_INFINITY);

    const archive = await (await viewer.fetch(`/api/rooms/${roomId}/export`)).arrayBuffer();
    const limits = { maxEntries: 50, maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 22 };
    const chatJson = readZip(new Uint8Array(archive), limits).get('chat.json');
    expect(JSON.parse(new TextDecoder().decode(chatJson))).toEqual([
      { author: 'Vera', at: expect.any(String), text: 'viewer here' },
      { author: 'Hana', at: expect.any(String), text: 'welcome' },
    ]);
  });

  it('refuses blank, too long and too many messages, saying so, and sends none of them', async () => {
    const { hana, eddie } = await chatRoom();
    eddie.send({ type: 'chat', text: '   ' });
    eddie.send({ type: 'chat', text: 'x'.repeat(CHAT_MAX_CHARS + 1) });
    await waitFor(() => refusals(eddie).length === 2, 5_000, 'two refusals');
    expect(refusals(eddie)).toEqual([
      'An empty chat message was not sent.',
      expect.stringContaining(`at most ${CHAT_MAX_CHARS} fit`),
    ]);
    for (let i = 1; i <= 6; i += 1) eddie.send({ type: 'chat', text: `burst ${i}` });
    await waitFor(() => refusals(eddie).length === 3, 5_000, 'the rate refusal');
    expect(refusals(eddie)[2]).toMatch(/not sent: at most 5 messages in 5 seconds/);
    await chatReaches(hana, 'burst 5');
    // The room handles one socket's frames in order: the refusal came after the five were taken.
    hana.send({ type: 'chat', text: 'mark' });
    await chatReaches(hana, 'mark');
    expect(texts(hana)).toEqual(['burst 1', 'burst 2', 'burst 3', 'burst 4', 'burst 5', 'mark']);
  });

  it('closes the chat when the room ends', async () => {
    const { roomId, host, hana } = await chatRoom();
    expect((await host.fetch(`/api/rooms/${roomId}/end`, { method: 'POST', json: {} })).status).toBe(200);
    await waitFor(() => received(hana, 'settings').some((m) => m.settings.session.endedAt !== null), 5_000, 'the end');
    hana.send({ type: 'chat', text: 'after the end' });
    await waitFor(() => refusals(hana).length > 0, 5_000, 'a refusal');
    expect(refusals(hana)).toEqual([expect.stringMatching(/ended/)]);
    expect(await app.database.roomChat.list(roomId, 10)).toEqual([]);
  });
});

describe('follow me', () => {
  it("refuses an editor; a host's lead reaches everyone and late joiners, and ends when the host leaves", async () => {
    const { roomId, host, editor, hana, eddie, vera } = await chatRoom();
    eddie.send({ type: 'follow-me', on: true });
    await waitFor(() => refusals(eddie).length > 0, 5_000, "the editor's refusal");
    expect(refusals(eddie)).toEqual(['Only hosts can ask everyone to follow them.']);
    expect(received(vera, 'follow')).toEqual([]);

    hana.send({ type: 'follow-me', on: true });
    const leader = { id: `u:${host.user?.id}`, name: 'Hana' };
    for (const client of [hana, eddie, vera]) {
      await waitFor(() => received(client, 'follow').length > 0, 5_000, 'the lead');
      expect(received(client, 'follow')).toEqual([{ type: 'follow', leader }]);
    }
    const late = app.connect(editor, roomId);
    await late.synced;
    await waitFor(() => received(late, 'follow').length > 0, 5_000, 'the lead for a late joiner');
    expect(received(late, 'follow')).toEqual([{ type: 'follow', leader }]);

    hana.close();
    await waitFor(() => received(vera, 'follow').length === 2, 5_000, 'the lead to end');
    expect(received(vera, 'follow')[1]).toEqual({ type: 'follow', leader: null });
    expect(received(late, 'follow').at(-1)).toEqual({ type: 'follow', leader: null });
  });
});

describe('after a restart', () => {
  it('the chat is still there for everyone who joins', async () => {
    const { roomId, host, hana } = await chatRoom();
    hana.send({ type: 'chat', text: 'before the restart' });
    await chatReaches(hana, 'before the restart');
    const server = await app.restart();
    const again: Session = host.on(server);
    const client = app.connect(again, roomId);
    await client.synced;
    await waitFor(() => received(client, 'chat-history').length > 0, 5_000, 'the history');
    expect(received(client, 'chat-history')[0]?.messages.map((m) => m.text)).toEqual(['before the restart']);
  });
});
