import { CloseCode } from '@codestream/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appFrame, FakeSocket, roomState, seededServerDoc, syncStep2 } from './fakeRoomSocket.ts';
import { RoomConnection } from './RoomConnection.ts';
import { RoomConnectionHolder } from './RoomConnectionHolder.ts';

const options = {
  roomId: 'abcdefghij_-KLMNOP12',
  name: 'Ada',
  wsOrigin: 'ws://test',
  WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
};
const closers: { close(): void }[] = [];

function lastSocket(): FakeSocket {
  const socket = FakeSocket.created.at(-1);
  if (!socket) throw new Error('no socket created');
  return socket;
}

/** The server side of a join: sync step 2 with the room's doc, then the room state. */
function serve(socket: FakeSocket, docMaxBytes?: number): void {
  socket.open();
  socket.receive(syncStep2(seededServerDoc()));
  socket.receive(roomState(docMaxBytes));
}

function refuse(socket: FakeSocket, closeCode: number = CloseCode.UpdateRefused): void {
  socket.receive(appFrame({ type: 'update-refused', reason: 'invalid', message: 'it was not a valid change' }));
  socket.serverClose(closeCode);
}

/** Whether any frame this socket sent holds `text` (as Yjs writes strings: UTF-8). */
function sentText(socket: FakeSocket, text: string): boolean {
  const needle = new TextEncoder().encode(text);
  return socket.sent.some((frame) => Buffer.from(frame).includes(Buffer.from(needle)));
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.created = [];
});
afterEach(() => {
  for (const c of closers.splice(0)) c.close();
  vi.useRealTimers();
});

describe('a refused update', () => {
  it('stops the connection from reconnecting (it would send the update again) and asks for a reload', () => {
    const conn = new RoomConnection(options);
    closers.push(conn);
    serve(lastSocket());
    refuse(lastSocket());
    expect(conn.getSnapshot().reload).toBe(
      'Your last change could not be saved: it was not a valid change. The room was reloaded from the server.',
    );
    expect(conn.getSnapshot().fatal).toBeNull();
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.created).toHaveLength(1);
  });

  it('is recognised from the message alone, whatever code the socket closes with', () => {
    const conn = new RoomConnection(options);
    closers.push(conn);
    serve(lastSocket());
    refuse(lastSocket(), CloseCode.MalformedMessage);
    expect(conn.getSnapshot().reload).toMatch(/could not be saved: it was not a valid change/);
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.created).toHaveLength(1);
  });

  it('replaces the connection with a fresh doc from the server, without the refused change, and says so', () => {
    const holder = new RoomConnectionHolder(options);
    closers.push(holder);
    const replaced: RoomConnection[] = [];
    holder.subscribe((c) => replaced.push(c));
    const first = holder.current;
    serve(lastSocket());
    first.code.insert(0, '# refused edit\n');
    expect(sentText(lastSocket(), '# refused edit')).toBe(true);
    refuse(lastSocket());

    expect(replaced).toEqual([holder.current]);
    const second = holder.current;
    expect(second).not.toBe(first);
    expect(second.doc).not.toBe(first.doc);
    expect(FakeSocket.created).toHaveLength(2);
    serve(lastSocket());
    expect(second.code.toString()).not.toContain('refused edit');
    expect(sentText(lastSocket(), '# refused edit')).toBe(false);
    expect(second.getSnapshot().notices.map((n) => n.message)).toEqual([
      'Your last change could not be saved: it was not a valid change. The room was reloaded from the server.',
    ]);
    expect(second.getSnapshot().connection).toBe('live');
  });
});

describe('the room size limit in the editor', () => {
  it('refuses an insert that would pass the limit, with a notice, and allows what fits', () => {
    const conn = new RoomConnection(options);
    closers.push(conn);
    // Unknown until the room state says: the server decides.
    expect(conn.allowsInsert(10_000_000, 1)).toBe(true);
    serve(lastSocket(), 2048);
    expect(conn.allowsInsert(500, 1)).toBe(true);
    conn.code.insert(0, 'x'.repeat(1500));
    expect(conn.allowsInsert(500, 1)).toBe(false);
    expect(conn.getSnapshot().notices.map((n) => n.message)).toEqual([
      "This change would make the room's code larger than its limit (2 KiB). Delete something first.",
    ]);
    conn.code.delete(0, 1500);
    expect(conn.allowsInsert(500, 1)).toBe(true);
  });
});
