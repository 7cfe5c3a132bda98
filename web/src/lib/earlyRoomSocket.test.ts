import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimingWebSocket, openEarlyRoomSocket } from './earlyRoomSocket.ts';

/** The part of a browser WebSocket y-websocket and earlyRoomSocket.ts use; the test plays the server. */
class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static made: FakeSocket[] = [];
  readonly url: string;
  readyState = FakeSocket.CONNECTING;
  binaryType = 'blob';
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(url: string | URL) {
    super();
    this.url = new URL(url).href;
    FakeSocket.made.push(this);
  }

  serverOpens() {
    this.readyState = FakeSocket.OPEN;
    const event = new Event('open');
    this.dispatchEvent(event);
    this.onopen?.(event);
  }

  serverSends(data: string) {
    const event = new MessageEvent('message', { data });
    this.dispatchEvent(event);
    this.onmessage?.(event);
  }

  close() {
    this.readyState = FakeSocket.CLOSED;
  }
}

const ROOM_URL = 'ws://codestream.test/ws/rooms/room-a?v=1';

/** y-websocket's part: take a socket from the polyfill and set its handlers, recording what they see. */
function providerConnects(url = ROOM_URL) {
  const seen: string[] = [];
  const socket = new (claimingWebSocket())(url) as unknown as FakeSocket;
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => seen.push('open');
  socket.onmessage = (event) => seen.push(`message ${event.data}`);
  return { socket, seen };
}

beforeEach(() => {
  FakeSocket.made = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});

afterEach(() => {
  // Nothing left for the next test to claim.
  new (claimingWebSocket())('ws://codestream.test/ws/rooms/none?v=1');
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the room socket opened as the page starts', () => {
  it('is the socket the room connection gets, and hands it what arrived before, in order', async () => {
    openEarlyRoomSocket('ws://codestream.test', 'room-a', null);
    const early = FakeSocket.made[0];
    expect(early?.url).toBe(ROOM_URL);
    early?.serverOpens();
    early?.serverSends('sync step 1');
    early?.serverSends('room state');

    const { socket, seen } = providerConnects();
    expect(socket).toBe(early);
    expect(FakeSocket.made).toHaveLength(1);
    await Promise.resolve();
    socket.serverSends('awareness');
    expect(seen).toEqual(['open', 'message sync step 1', 'message room state', 'message awareness']);
  });

  it('still connecting when claimed: the opening reaches the connection as it happens', async () => {
    openEarlyRoomSocket('ws://codestream.test', 'room-a', 'viewer');
    const { socket, seen } = providerConnects('ws://codestream.test/ws/rooms/room-a?v=1&as=viewer');
    expect(socket).toBe(FakeSocket.made[0]);
    await Promise.resolve();
    expect(seen).toEqual([]);
    socket.serverOpens();
    socket.serverSends('sync step 1');
    expect(seen).toEqual(['open', 'message sync step 1']);
  });

  it('refused by the server, for another room, or asked for a second time: a new socket', () => {
    openEarlyRoomSocket('ws://codestream.test', 'room-a', null);
    const refused = FakeSocket.made[0];
    refused?.close();
    expect(providerConnects().socket).not.toBe(refused);

    openEarlyRoomSocket('ws://codestream.test', 'room-b', null);
    const otherRoom = FakeSocket.made.at(-1);
    const { socket } = providerConnects();
    expect(socket).not.toBe(otherRoom);
    expect(otherRoom?.readyState).toBe(FakeSocket.CLOSED);

    const reconnect = providerConnects().socket;
    expect(reconnect).not.toBe(socket);
    expect(reconnect.url).toBe(ROOM_URL);
  });

  it('is closed when nobody claims it within ten seconds', () => {
    vi.useFakeTimers();
    openEarlyRoomSocket('ws://codestream.test', 'room-a', null);
    const early = FakeSocket.made[0];
    early?.serverOpens();
    vi.advanceTimersByTime(9_999);
    expect(early?.readyState).toBe(FakeSocket.OPEN);
    vi.advanceTimersByTime(1);
    expect(early?.readyState).toBe(FakeSocket.CLOSED);
    expect(providerConnects().socket).not.toBe(early);
  });
});
