import { DocKeys } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storedCode, useCluster } from './clusterFixture.ts';
import { roomWithPeople, waitFor } from './harness.ts';

// Rooms across room-servers sharing one Redis and one database: clients of one room on
// different servers converge and see each other's cursors, a server loading the room
// later gets the whole doc, and the update log holds every update once, numbered 1..N.

const cluster = useCluster({ servers: 3 });

/** A room of Ann and Bob made on server a. */
async function annAndBob() {
  const [a, b] = cluster.servers;
  if (!a || !b) throw new Error('two servers');
  const { roomId, sessions } = await roomWithPeople(a, cluster.database, ['Ann', 'Bob']);
  const [annSession, bobSession] = sessions;
  if (!annSession || !bobSession) throw new Error('two people');
  return { a, b, roomId, annSession, bobSession };
}

describe('a room across room-servers', () => {
  it('clients on two servers converge, see each other’s cursors, and a third server gets the whole doc', async () => {
    const [a, b, c] = cluster.servers;
    if (!a || !b || !c) throw new Error('three servers');
    const { roomId, sessions } = await roomWithPeople(a, cluster.database, ['Ann', 'Bob', 'Cy']);
    const [annSession, bobSession, cySession] = sessions;
    if (!annSession || !bobSession || !cySession) throw new Error('three people');
    const ann = cluster.connect(a, annSession, roomId);
    const bob = cluster.connect(b, bobSession, roomId);
    await Promise.all([ann.synced, bob.synced]);
    const annText = ann.doc.getText(DocKeys.code);
    const bobText = bob.doc.getText(DocKeys.code);
    for (let i = 0; i < 20; i++) {
      annText.insert(0, `a${i};`);
      bobText.insert(bobText.length, `b${i};`);
    }
    const converged = () =>
      annText.toString() === bobText.toString() &&
      annText.toString().includes('a19;') &&
      annText.toString().includes('b19;');
    await waitFor(converged, 10_000, 'convergence across servers');

    bob.provider.awareness.setLocalStateField('user', { name: 'Mallory', color: '#123456' });
    await waitFor(
      () => ann.provider.awareness.getStates().get(bob.doc.clientID)?.user !== undefined,
      10_000,
      'Bob’s cursor at Ann',
    );
    // The identity Bob's own server stamped, not the one his client claimed.
    expect(ann.provider.awareness.getStates().get(bob.doc.clientID)?.user).toMatchObject({
      name: 'Bob',
      id: `u:${bobSession.user?.id}`,
      role: 'editor',
    });
    ann.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    await waitFor(
      () => bob.provider.awareness.getStates().get(ann.doc.clientID)?.user !== undefined,
      10_000,
      'Ann’s cursor at Bob',
    );

    const cy = cluster.connect(c, cySession, roomId);
    await cy.synced;
    await waitFor(
      () => cy.doc.getText(DocKeys.code).toString() === annText.toString(),
      10_000,
      'whole doc at a third server',
    );
    expect(cy.doc.getText(DocKeys.code).toString()).toContain('a19;');
    // Cursors already there reach a server that loads the room later.
    await waitFor(() => cy.provider.awareness.getStates().has(bob.doc.clientID), 10_000, 'cursors at the third server');
    cy.doc.getText(DocKeys.code).insert(0, 'cy;');
    await waitFor(
      () => annText.toString().startsWith('cy;') && bobText.toString().startsWith('cy;'),
      10_000,
      'Cy’s edit everywhere',
    );
  });

  it('stores every update once, numbered 1..N, whichever server accepted it; one server holds the lease', async () => {
    const { a, b, roomId, annSession, bobSession } = await annAndBob();
    const ann = cluster.connect(a, annSession, roomId);
    const bob = cluster.connect(b, bobSession, roomId);
    await Promise.all([ann.synced, bob.synced]);
    const annText = ann.doc.getText(DocKeys.code);
    const bobText = bob.doc.getText(DocKeys.code);
    for (let i = 0; i < 30; i++) {
      annText.insert(annText.length, `A${i}\n`);
      bobText.insert(0, `B${i}\n`);
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(
      () => annText.toString() === bobText.toString() && annText.toString().includes('B29'),
      10_000,
      'convergence',
    );
    const holders = cluster.servers.filter((server) => server.cluster?.isStorageHolder(roomId));
    expect(holders).toHaveLength(1);

    const expected = annText.toString();
    await waitFor(
      async () => (await storedCode(cluster.database, roomId)) === expected,
      10_000,
      'the log holds the doc',
    );
    const updates = await cluster.database.roomUpdates.after(roomId, 0);
    // 60 keystrokes, one update each, from both servers: each once, numbered without gaps.
    expect(updates.map((entry) => entry.seq)).toEqual(updates.map((_, i) => i + 1));
    expect(updates.length).toBe(60);
    expect(new Set(updates.map((entry) => entry.source)).size).toBe(60);
    expect(updates.every((entry) => typeof entry.epoch === 'number')).toBe(true);
    const authors = new Set(updates.map((entry) => ('userId' in entry.author ? entry.author.userId : '')));
    expect(authors).toEqual(new Set([annSession.user?.id, bobSession.user?.id]));
    // Stored from the log alone (snapshot-free replay from the room's seed), it is the doc.
    const replay = new Y.Doc();
    const seed = await cluster.database.roomSnapshots.earliest(roomId);
    if (seed) Y.applyUpdate(replay, seed.doc);
    for (const entry of updates) Y.applyUpdate(replay, entry.update);
    expect(replay.getText(DocKeys.code).toString()).toBe(expected);
  });

  it('the holder’s people leave: it stores the room, gives the lease up, and a server still holding the room takes it', async () => {
    const { a, b, roomId, annSession, bobSession } = await annAndBob();
    const ann = cluster.connect(a, annSession, roomId);
    await ann.synced;
    await waitFor(() => a.cluster?.isStorageHolder(roomId) ?? false, 10_000, 'a holds the lease');
    const bob = cluster.connect(b, bobSession, roomId);
    await bob.synced;
    ann.doc.getText(DocKeys.code).insert(0, 'ann;');
    await waitFor(() => bob.doc.getText(DocKeys.code).toString().startsWith('ann;'), 10_000, 'Ann’s edit at Bob');

    ann.close();
    await a.registry.unloaded(roomId);
    await waitFor(() => !a.registry.isLoaded(roomId), 10_000, 'a unloads the room');
    await waitFor(() => b.cluster?.isStorageHolder(roomId) ?? false, 10_000, 'b takes the lease');
    const record = await cluster.database.rooms.find(roomId);
    expect(record?.docSeq).toBeGreaterThanOrEqual(1);

    const bobText = bob.doc.getText(DocKeys.code);
    bobText.insert(bobText.length, 'bob;');
    const expected = bobText.toString();
    await waitFor(
      async () => (await storedCode(cluster.database, roomId)) === expected,
      10_000,
      'Bob’s edit stored by the new holder',
    );
    const updates = await cluster.database.roomUpdates.after(roomId, 0);
    expect(updates.map((entry) => entry.seq)).toEqual(updates.map((_, i) => i + 1));
    expect(new Set(updates.map((entry) => entry.epoch)).size).toBe(2);
  });

  it('a room deleted through a server that does not store it: the holder gives its log up, and nothing of it stays stored', async () => {
    const { a, b, roomId, annSession, bobSession } = await annAndBob();
    const bob = cluster.connect(b, bobSession, roomId);
    await bob.synced;
    await waitFor(() => b.cluster?.isStorageHolder(roomId) ?? false, 10_000, 'b holds the lease');
    const text = bob.doc.getText(DocKeys.code);
    // Bob types until the deletion: b has edits on their way to the log when it hears of it.
    let typing = true;
    const typed = (async () => {
      for (let i = 0; typing; i++) {
        text.insert(text.length, `${i};`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await waitFor(async () => (await cluster.database.roomUpdates.lastSeq(roomId)) > 20, 10_000, 'edits stored');
    // Ann owns the room; she deletes it through a, which never loaded it.
    expect(a.registry.isLoaded(roomId)).toBe(false);
    expect((await annSession.fetch(`/api/rooms/${roomId}`, { method: 'DELETE' })).status).toBe(204);
    typing = false;
    await typed;
    // The answer came once b gave the lease up: nothing is written after it.
    expect(b.cluster?.isStorageHolder(roomId)).toBe(false);
    await waitFor(() => !b.registry.isLoaded(roomId), 5_000, 'b unloads the deleted room');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await cluster.database.roomUpdates.lastSeq(roomId)).toBe(0);
    expect(await cluster.database.roomEvents.list(roomId)).toEqual([]);
  });
});
