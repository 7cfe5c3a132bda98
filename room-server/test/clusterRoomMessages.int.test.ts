import { describe, expect, it } from 'vitest';
import { useTwoServers } from './clusterFixture.ts';
import { roomWithPeople, type Session, waitFor } from './harness.ts';
import { type TestClient as Client, received } from './roomServerFixture.ts';

// Two room-servers on one Redis, one room loaded on both: what happens on one server
// (chat, "Follow me", a language change) reaches the room's clients on the other.

const cluster = useTwoServers();

/** A host's room with Ann and Bob: the host and Ann on A, Bob on B. */
async function roomAcrossServers() {
  const { roomId, sessions } = await roomWithPeople(cluster.a, cluster.database, ['Hana', 'Ann', 'Bob']);
  const [host, ann, bob] = sessions as [Session, Session, Session];
  const hana = cluster.connect(cluster.a, host, roomId);
  const annA = cluster.connect(cluster.a, ann, roomId);
  const bobB = cluster.connect(cluster.b, bob, roomId);
  await Promise.all([hana, annA, bobB].map((client) => client.synced));
  return { roomId, host, hana, annA, bobB };
}

const texts = (client: Client) => received(client, 'chat').map((m) => m.message.text);

describe('room messages between servers', () => {
  it('chat from a client on A reaches B once, in order, and is in the history of a joiner on B', async () => {
    const { roomId, host, annA, bobB } = await roomAcrossServers();
    for (const text of ['one', 'two', 'three']) annA.send({ type: 'chat', text });
    await waitFor(() => texts(bobB).length === 3, 5_000, 'three messages on B');
    bobB.send({ type: 'chat', text: 'from B' });
    await waitFor(() => texts(annA).includes('from B'), 5_000, 'B’s message on A');
    // Once each, in the order taken: nothing is echoed back to the server it came from.
    expect(texts(bobB)).toEqual(['one', 'two', 'three', 'from B']);
    expect(texts(annA)).toEqual(['one', 'two', 'three', 'from B']);
    expect(received(bobB, 'chat')[0]?.message.author.name).toBe('Ann');

    const late = cluster.connect(cluster.b, host, roomId);
    await waitFor(() => received(late, 'chat-history').length > 0, 5_000, 'the history on B');
    expect(received(late, 'chat-history')[0]?.messages.map((m) => m.text)).toEqual(['one', 'two', 'three', 'from B']);
  });

  it('"Follow me" pressed on A reaches B, and a server loading the room later is told who leads', async () => {
    const { hana, bobB } = await roomAcrossServers();
    hana.send({ type: 'follow-me', on: true });
    await waitFor(() => received(bobB, 'follow').some((m) => m.leader?.name === 'Hana'), 5_000, 'the leader on B');

    // A room loaded on B only now (its first socket there) learns the leader from A.
    const { roomId: other, sessions } = await roomWithPeople(cluster.a, cluster.database, ['Lea', 'Max']);
    const [lea, max] = sessions as [Session, Session];
    const leaA = cluster.connect(cluster.a, lea, other);
    await leaA.synced;
    leaA.send({ type: 'follow-me', on: true });
    await waitFor(() => received(leaA, 'follow').length > 0, 5_000, 'Lea leads');
    const maxB = cluster.connect(cluster.b, max, other);
    await waitFor(
      () => received(maxB, 'follow').some((m) => m.leader?.name === 'Lea'),
      5_000,
      'the leader on a fresh B',
    );

    // The leader's socket leaves A: B hears that no one leads any more.
    hana.close();
    await waitFor(() => received(bobB, 'follow').at(-1)?.leader === null, 5_000, 'no leader on B');
  });

  it('a language chosen on A becomes the room’s language on B', async () => {
    const { bobB, annA } = await roomAcrossServers();
    annA.send({ type: 'set-language', language: 'javascript' });
    await waitFor(
      () => received(bobB, 'settings').some((m) => m.settings.language === 'javascript'),
      5_000,
      'the language on B',
    );
  });
});
