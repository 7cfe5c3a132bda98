import { assignColor, DEFAULT_ROOM_CONTROLS, DEFAULT_ROOM_SESSION, MessageType } from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { updateFrame } from './frames.ts';
import { MalformedMessageError, UpdateRefusedError } from './Room.ts';
import { createTestRoom } from './testing/roomTestBed.ts';

let bed: ReturnType<typeof createTestRoom>;

afterEach(async () => {
  await bed.close();
});

describe('Room sync, in memory', () => {
  it('syncs a joining peer with step 1 and step 2 both ways, then relays edits to the others only', () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    ann.doc.getText('code').insert(0, 'print(1)');
    const bob = bed.join('Bob');
    // The room asked Bob for his state (step 1) and answered his step 1 with its own (step 2).
    expect(bob.syncTypes.slice(0, 2)).toEqual([syncProtocol.messageYjsSyncStep1, syncProtocol.messageYjsSyncStep2]);
    expect(bob.code).toBe('print(1)');

    bob.doc.getText('code').insert(8, '\nprint(2)');
    const annSyncsBefore = ann.syncTypes.length;
    const bobSyncsBefore = bob.syncTypes.length;
    ann.deliver();
    bob.deliver();
    expect(ann.code).toBe('print(1)\nprint(2)');
    expect(ann.syncTypes.slice(annSyncsBefore)).toEqual([syncProtocol.messageYjsUpdate]);
    // Not echoed to the sender.
    expect(bob.syncTypes.length).toBe(bobSyncsBefore);
    expect(bed.room.doc.getText('code').toString()).toBe('print(1)\nprint(2)');
  });

  it('sends a late joiner the room state with settings, limits and no job yet', () => {
    bed = createTestRoom({ docMaxBytes: 4096 });
    const ann = bed.join('Ann');
    const [state] = ann.received('room-state');
    expect(state?.now).toBeGreaterThan(Date.now() - 60_000);
    expect(ann.received('room-state')).toEqual([
      {
        type: 'room-state',
        role: 'editor',
        you: { id: 'g:Ann', color: assignColor('g:Ann') },
        now: state?.now,
        settings: { language: 'python', controls: DEFAULT_ROOM_CONTROLS, session: DEFAULT_ROOM_SESSION },
        limits: { docMaxBytes: 4096 },
        run: null,
        submission: null,
      },
    ]);
  });

  it('relays awareness as the person the server knows (name, id, role, colour), and removes it on leave', () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    const bob = bed.join('Bob');
    const annColor = ann.received('room-state')[0]?.you.color as string;
    ann.awareness.setLocalState({ user: { name: 'Claimed', color: '#000000' } });
    bob.deliver();
    const annAsKnown = { id: 'g:Ann', name: 'Ann', role: 'editor', color: annColor, colorLight: `${annColor}33` };
    expect(bob.awareness.getStates().get(ann.doc.clientID)).toEqual({ user: annAsKnown });
    expect(bob.received('room-state')[0]?.you.color).not.toBe(annColor);

    // A later joiner gets the current awareness at once.
    const cid = bed.join('Cid');
    expect(cid.awareness.getStates().get(ann.doc.clientID)?.user).toEqual(annAsKnown);

    expect(ann.leave()).toBe(2);
    bob.deliver();
    expect(bob.awareness.getStates().has(ann.doc.clientID)).toBe(false);
  });

  it('refuses a bad update whole: nothing applied, nothing relayed, the sender told why', () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    const bob = bed.join('Bob');
    const bobSyncs = bob.syncTypes.length;
    // A valid insert into the code, and a root of another type the room does not have.
    const other = new Y.Doc();
    other.getText('code').insert(0, 'kept?');
    other.getMap('settings').set('language', 'evil');
    const update = Y.encodeStateAsUpdate(other);

    expect(() => bed.room.receive(ann, updateFrame(update))).toThrow(UpdateRefusedError);
    ann.deliver();
    bob.deliver();
    expect(ann.received('update-refused')).toEqual([
      { type: 'update-refused', reason: 'invalid', message: "it was not a valid change to the room's code" },
    ]);
    expect(bed.room.doc.getText('code').toString()).toBe('');
    expect(bob.syncTypes.length).toBe(bobSyncs);
  });

  it('refuses an update that would pass the size limit', () => {
    bed = createTestRoom({ docMaxBytes: 1024 });
    const ann = bed.join('Ann');
    const other = new Y.Doc();
    other.getText('code').insert(0, 'x'.repeat(2048));
    expect(() => bed.room.receive(ann, updateFrame(Y.encodeStateAsUpdate(other)))).toThrow(UpdateRefusedError);
    ann.deliver();
    expect(ann.received('update-refused')[0]?.reason).toBe('too-large');
    expect(bed.room.doc.getText('code').length).toBe(0);
  });

  it('closes on an app frame that is not JSON or not a client message, and on unknown frame types', () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    const appFrame = (payload: string) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.App);
      encoding.writeVarString(encoder, payload);
      return encoding.toUint8Array(encoder);
    };
    expect(() => bed.room.receive(ann, appFrame('{nope'))).toThrow(/not JSON/);
    expect(() => bed.room.receive(ann, appFrame('{"type":"explode"}'))).toThrow(/invalid app message/);
    expect(() => bed.room.receive(ann, new Uint8Array([7]))).toThrow(MalformedMessageError);
  });
});
