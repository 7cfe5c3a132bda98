import { type ClientMessage, encodeAppFrame } from '@codestream/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRoom } from './testing/roomTestBed.ts';

let bed: ReturnType<typeof createTestRoom>;

afterEach(async () => {
  await bed.close();
});

const ask = (peer: Parameters<typeof bed.room.receive>[0], message: ClientMessage) =>
  bed.room.receive(peer, encodeAppFrame(message));

describe('Room chat and follow, in memory', () => {
  it('stores a message before anyone gets it, under the identity the server knows', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann', 'a1');
    const vic = bed.join('Vic', null, 'viewer');
    ask(vic, { type: 'chat', text: '  hello  ' });
    vic.deliver();
    expect(vic.received('chat')).toEqual([]);
    await bed.room.close();
    ann.deliver();
    expect(bed.store.chat).toEqual([expect.objectContaining({ room: 'room-1', text: 'hello' })]);
    expect(ann.received('chat')).toEqual([
      {
        type: 'chat',
        message: expect.objectContaining({
          text: 'hello',
          author: expect.objectContaining({ id: 'g:Vic', name: 'Vic' }),
        }),
      },
    ]);
  });

  it('tells the sender when the message could not be stored, and sends it to no one', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann', 'a1');
    const bob = bed.join('Bob', 'b1');
    bed.store.failChats = 1;
    ask(ann, { type: 'chat', text: 'lost?' });
    await bed.room.close();
    ann.deliver();
    bob.deliver();
    expect(ann.received('refused')).toEqual([{ type: 'refused', message: expect.stringMatching(/not sent/) }]);
    expect(bob.received('chat')).toEqual([]);
    expect(ann.received('chat')).toEqual([]);
  });

  it("follows the host who asked, refuses an editor, and ends when the leader's socket leaves", () => {
    bed = createTestRoom();
    const host = bed.join('Hana', 'h1', 'host');
    const editor = bed.join('Eve', 'e1');
    ask(editor, { type: 'follow-me', on: true });
    ask(host, { type: 'follow-me', on: true });
    editor.deliver();
    expect(editor.received('refused')).toEqual([{ type: 'refused', message: expect.stringMatching(/hosts/) }]);
    expect(editor.received('follow')).toEqual([{ type: 'follow', leader: { id: 'u:h1', name: 'Hana' } }]);
    const late = bed.join('Lou', 'l1');
    late.deliver();
    expect(late.received('follow')).toEqual([{ type: 'follow', leader: { id: 'u:h1', name: 'Hana' } }]);
    host.leave();
    late.deliver();
    expect(late.received('follow').at(-1)).toEqual({ type: 'follow', leader: null });
  });
});
