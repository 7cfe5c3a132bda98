import { assignColor } from '@codestream/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTES_TEXT, NotesDoc, notesLogKey } from './NotesDoc.ts';
import { FakePeer } from './testing/FakePeer.ts';
import { MemoryRoomStore } from './testing/MemoryRoomStore.ts';
import { memoryLogger } from './testing/roomTestBed.ts';
import { UpdateLogWriter } from './UpdateLogWriter.ts';

let store: MemoryRoomStore;
let writer: UpdateLogWriter;
let notes: NotesDoc;
const peers: FakePeer[] = [];

function host(name: string, userId: string): FakePeer {
  const peer = new FakePeer(notes, name, userId, 'host');
  peers.push(peer);
  return peer.join();
}

beforeEach(() => {
  vi.useFakeTimers();
  store = new MemoryRoomStore();
  const log = memoryLogger();
  writer = new UpdateLogWriter({
    store,
    log,
    batchMs: 50,
    backoff: { initialMs: 100, maxMs: 400 },
    waitingAfterMs: 1_000,
  });
  notes = new NotesDoc({
    roomId: 'room-1',
    loaded: { state: new Uint8Array([0, 0]), lastSeq: 0, sinceSnapshot: { updates: 0, bytes: 0 } },
    updateLog: writer,
    maxBytes: 64 * 1024,
    log,
  });
});
afterEach(async () => {
  await vi.advanceTimersByTimeAsync(5_000);
  await notes.stored();
  notes.close();
  await writer.close();
  for (const peer of peers.splice(0)) peer.close();
  vi.useRealTimers();
});

describe('NotesDoc', () => {
  it("relays hosts' notes and cursors, each cursor as the person the server knows", async () => {
    const hana = host('Hana', 'h1');
    const cora = host('Cora', 'c1');
    hana.doc.getText(NOTES_TEXT).insert(0, 'Asked good questions.');
    hana.awareness.setLocalState({ user: { name: 'Someone else', color: '#000000' } });
    cora.deliver();
    expect(cora.doc.getText(NOTES_TEXT).toString()).toBe('Asked good questions.');
    const color = assignColor('u:h1');
    expect(cora.awareness.getStates().get(hana.doc.clientID)).toEqual({
      user: { id: 'u:h1', name: 'Hana', role: 'host', color, colorLight: `${color}33` },
    });
    expect(hana.leave()).toBe(1);
    cora.deliver();
    expect(cora.awareness.getStates().has(hana.doc.clientID)).toBe(false);

    await vi.advanceTimersByTimeAsync(100);
    expect(store.updates.map((u) => [u.room, u.seq, u.author])).toEqual([[notesLogKey('room-1'), 1, { userId: 'h1' }]]);
  });

  it('tells the hosts when their notes wait to be stored, and when they are stored again', async () => {
    const hana = host('Hana', 'h1');
    store.failUpdates = 5;
    const at = Date.now();
    hana.doc.getText(NOTES_TEXT).insert(0, 'x');
    await vi.advanceTimersByTimeAsync(1_100);
    hana.deliver();
    expect(hana.received('storage')).toEqual([{ type: 'storage', state: 'waiting', since: at }]);
    // A host opening the notes meanwhile is told at once.
    expect(host('Cora', 'c1').received('storage')).toEqual([{ type: 'storage', state: 'waiting', since: at }]);
    await vi.advanceTimersByTimeAsync(2_000);
    hana.deliver();
    expect(hana.received('storage').map((m) => m.state)).toEqual(['waiting', 'stored']);
  });
});
