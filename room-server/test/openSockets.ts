import WebSocket from 'ws';
import type { Session } from './clients.ts';

export interface OpenSocket {
  ws: WebSocket;
  closed: Promise<number>;
  isOpen(): boolean;
}

/** A room socket of `session` that has been answered by its room. */
export function openSocket(session: Session, roomId: string): Promise<OpenSocket> {
  const { url } = session.server;
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws/rooms/${roomId}?v=1`, {
    headers: { origin: url, cookie: session.cookieHeader },
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve({ ws, closed, isOpen: () => ws.readyState === WebSocket.OPEN }));
    ws.once('close', (code) => reject(new Error(`refused with ${code}`)));
  });
}

/** The close code of `socket`, which must close within `ms`. */
export function closedWithin(socket: OpenSocket, ms = 3_000): Promise<number> {
  return Promise.race([
    socket.closed,
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error('socket still open')), ms)),
  ]);
}
