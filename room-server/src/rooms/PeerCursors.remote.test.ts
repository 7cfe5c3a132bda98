import { decodeAwarenessUpdate, encodeAwarenessUpdate, MessageType } from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../log/logger.ts';
import { PeerCursors } from './PeerCursors.ts';
import type { RoomPeer } from './Room.ts';
import { RemoteOrigin } from './remoteOrigin.ts';

// Cursors of another room-server's peers, as cluster/ClusterAwareness hands them over.

const REMOTE = new RemoteOrigin(null, null);
const opened: PeerCursors[] = [];

/** A server's cursors with its peers, each peer keeping the awareness entries it was sent. */
function server(...people: { id: string; role: RoomPeer['role']; observer?: boolean }[]) {
  const peers = people.map((person) => {
    const seen = new Map<number, unknown>();
    const peer: RoomPeer = {
      ...person,
      name: person.id,
      userId: null,
      send(frame) {
        const decoder = decoding.createDecoder(frame);
        if (decoding.readVarUint(decoder) !== MessageType.Awareness) return;
        for (const entry of decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)))
          seen.set(entry.clientId, entry.state);
      },
    };
    return Object.assign(peer, { seen });
  });
  const cursors = new PeerCursors({
    doc: new Y.Doc(),
    peers: () => peers,
    broadcast: (frame) => {
      for (const peer of peers) peer.send(frame);
    },
    hides: (owner, recipient) => Boolean(owner.observer) && recipient.role !== 'host',
    log: silentLogger,
  });
  opened.push(cursors);
  for (const peer of peers) cursors.joined(peer);
  return { cursors, peers };
}

const state = { user: { name: 'claimed' }, cursor: null };

afterEach(() => {
  for (const cursors of opened.splice(0)) cursors.close();
});

describe('cursors of another room-server', () => {
  it('are shown with the identity their own server stamped, and go with that server', () => {
    const a = server({ id: 'u:ann', role: 'editor' });
    const b = server({ id: 'u:bob', role: 'editor' });
    const [ann] = a.peers;
    const [bob] = b.peers;
    if (!ann || !bob) throw new Error('peers');
    a.cursors.receive(ann, encodeAwarenessUpdate([{ clientId: 11, clock: 1, state }]));
    const entries = a.cursors.localEntries();
    expect(entries).toMatchObject([{ clientId: 11, owner: { id: 'u:ann', role: 'editor', observer: false } }]);
    b.cursors.applyRemote('a', entries, REMOTE);
    expect(bob.seen.get(11)).toMatchObject({ user: { id: 'u:ann', name: 'u:ann' } });
    expect(b.cursors.remoteServers()).toEqual(new Set(['a']));
    // Bob's client echoes Ann's state back: his server drops it (it is not his).
    b.cursors.receive(bob, encodeAwarenessUpdate([{ clientId: 11, clock: 2, state }]));
    expect(b.cursors.localEntries()).toEqual([]);
    b.cursors.dropServer('a', REMOTE);
    expect(bob.seen.get(11)).toBeNull();
    expect(b.cursors.remoteServers()).toEqual(new Set());
  });

  it('an observing host’s cursor reaches only hosts, and a remote removal removes it', () => {
    const a = server({ id: 'u:host', role: 'viewer', observer: true });
    const b = server({ id: 'u:other-host', role: 'host' }, { id: 'u:student', role: 'editor' });
    const [observer] = a.peers;
    const [host, student] = b.peers;
    if (!observer || !host || !student) throw new Error('peers');
    a.cursors.receive(observer, encodeAwarenessUpdate([{ clientId: 21, clock: 1, state }]));
    b.cursors.applyRemote('a', a.cursors.localEntries(), REMOTE);
    expect(host.seen.has(21)).toBe(true);
    expect(student.seen.has(21)).toBe(false);
    b.cursors.applyRemote('a', [{ clientId: 21, clock: 2, state: null, owner: null }], REMOTE);
    expect(host.seen.get(21)).toBeNull();
  });
});
