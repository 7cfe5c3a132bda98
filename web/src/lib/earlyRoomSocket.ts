import { PROTOCOL_VERSION, ROOM_SOCKET_PATH } from '@codestream/shared';

/** An early socket nobody took by then is closed (the page did not connect: ended, not invited…). */
const UNCLAIMED_MS = 10_000;

interface EarlySocket {
  socket: WebSocket;
  /** What arrived before the room's connection took the socket, in order. */
  received: MessageEvent[];
  stopBuffering(): void;
}

let early: EarlySocket | undefined;

/** `?as=viewer` to observe, `?as=editor` to help: a room entered lower than one's role. */
export type EnteredAs = 'viewer' | 'editor' | null;

export function requestedAs(asked: string | null): EnteredAs {
  return asked === 'viewer' || asked === 'editor' ? asked : null;
}

/**
 * The room socket's URL as y-websocket builds it from `${wsOrigin}${ROOM_SOCKET_PATH}`, the
 * room and these parameters (RoomConnection passes the same ones).
 */
export function roomSocketParams(as: EnteredAs): Record<string, string> {
  return { v: String(PROTOCOL_VERSION), ...(as ? { as } : {}) };
}

function roomSocketUrl(wsOrigin: string, roomId: string, as: EnteredAs): string {
  return `${wsOrigin}${ROOM_SOCKET_PATH}/${roomId}?${new URLSearchParams(roomSocketParams(as))}`;
}

/**
 * Opens the room's socket as the app starts, alongside the room's lookup, instead of once
 * the editor's code has arrived and run: the server's answer (the room's code, who is
 * there) is waiting when the connection is made. The server decides on the upgrade, as
 * for any socket, whether this person may enter; a refused or unclaimed socket is dropped.
 */
export function openEarlyRoomSocket(wsOrigin: string, roomId: string, as: EnteredAs): void {
  if (typeof WebSocket === 'undefined') return;
  const socket = new WebSocket(roomSocketUrl(wsOrigin, roomId, as));
  socket.binaryType = 'arraybuffer';
  const received: MessageEvent[] = [];
  const buffer = (event: MessageEvent) => received.push(event);
  socket.addEventListener('message', buffer);
  const unclaimed = setTimeout(() => {
    if (early?.socket !== socket) return;
    early = undefined;
    socket.close();
  }, UNCLAIMED_MS);
  early = {
    socket,
    received,
    stopBuffering: () => {
      clearTimeout(unclaimed);
      socket.removeEventListener('message', buffer);
    },
  };
}

/**
 * y-websocket's `WebSocketPolyfill`: the first socket it asks for is the early one when that
 * is for the same URL and not closed; every other (a reconnect, another room) is new.
 *
 * y-websocket sets its handlers right after construction; what the early socket already
 * saw (its opening, messages) is then handed to them, in order, before any later event
 * (a microtask runs before the next message's task).
 */
export function claimingWebSocket(): typeof WebSocket {
  function ClaimingWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
    const claimed = early;
    early = undefined;
    if (
      !claimed ||
      claimed.socket.url !== new URL(url).href ||
      claimed.socket.readyState === WebSocket.CLOSING ||
      claimed.socket.readyState === WebSocket.CLOSED
    ) {
      claimed?.stopBuffering();
      claimed?.socket.close();
      return new WebSocket(url, protocols);
    }
    const { socket, received } = claimed;
    const wasOpen = socket.readyState === WebSocket.OPEN;
    claimed.stopBuffering();
    queueMicrotask(() => {
      if (wasOpen) socket.onopen?.(new Event('open'));
      for (const event of received) socket.onmessage?.(event);
    });
    return socket;
  }
  ClaimingWebSocket.CONNECTING = WebSocket.CONNECTING;
  ClaimingWebSocket.OPEN = WebSocket.OPEN;
  ClaimingWebSocket.CLOSING = WebSocket.CLOSING;
  ClaimingWebSocket.CLOSED = WebSocket.CLOSED;
  return ClaimingWebSocket as unknown as typeof WebSocket;
}
