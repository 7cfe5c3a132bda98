import {
  CloseCode,
  DASHBOARD_SOCKET_PATH,
  type DashboardServerMessage,
  dashboardServerMessageSchema,
  describeCloseCode,
  PROTOCOL_VERSION,
  type RoomSummary,
} from '@codestream/shared';
import { useEffect, useState } from 'preact/hooks';
import { pageWsOrigin } from '../lib/wsOrigin.ts';

export type RefusedRoom = Extract<DashboardServerMessage, { type: 'refused' }>['rooms'][number];

export interface RoomSummariesState {
  /** The latest summary of each watched room the server sent (an unchanged room keeps its object). */
  summaries: ReadonlyMap<string, RoomSummary>;
  refused: readonly RefusedRoom[];
  status: 'connecting' | 'open' | 'reconnecting' | 'closed';
  /** Why the socket closed for good (signed out, not allowed), or why it is reconnecting. */
  message: string | null;
  /** Server time minus this page's clock, from the last frame. */
  clockOffset: number;
}

const INITIAL: RoomSummariesState = {
  summaries: new Map(),
  refused: [],
  status: 'connecting',
  message: null,
  clockOffset: 0,
};

/** Close codes after which reconnecting cannot help. */
const FINAL_CODES = new Set<number>([
  CloseCode.Forbidden,
  CloseCode.ProtocolMismatch,
  CloseCode.SignedOut,
  CloseCode.AccountDisabled,
  CloseCode.MalformedMessage,
]);

/**
 * Live summaries of `roomIds` (rooms this person hosts) over the dashboard socket, which
 * sends each room at most once a second; reconnects with backoff when the connection drops.
 */
export function useRoomSummaries(roomIds: readonly string[]): RoomSummariesState {
  const [state, setState] = useState<RoomSummariesState>(INITIAL);
  const key = roomIds.join(',');

  useEffect(() => {
    const ids = key === '' ? [] : key.split(',');
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;
    setState(INITIAL);

    const connect = () => {
      const ws = new WebSocket(`${pageWsOrigin(window.location)}${DASHBOARD_SOCKET_PATH}?v=${PROTOCOL_VERSION}`);
      socket = ws;
      ws.onopen = () => {
        attempts = 0;
        ws.send(JSON.stringify({ type: 'watch', roomIds: ids }));
        setState((s) => ({ ...s, status: 'open', message: null }));
      };
      ws.onmessage = (event) => {
        const parsed = dashboardServerMessageSchema.safeParse(JSON.parse(String(event.data)));
        if (!parsed.success) {
          console.warn('Ignored a dashboard message from the server', parsed.error.issues);
          return;
        }
        const message = parsed.data;
        if (message.type === 'refused') {
          setState((s) => ({ ...s, refused: message.rooms }));
          return;
        }
        setState((s) => {
          const summaries = new Map(s.summaries);
          for (const summary of message.summaries) summaries.set(summary.roomId, summary);
          return { ...s, summaries, clockOffset: message.now - Date.now() };
        });
      };
      ws.onclose = (event) => {
        if (stopped) return;
        if (FINAL_CODES.has(event.code)) {
          setState((s) => ({ ...s, status: 'closed', message: describeCloseCode(event.code) }));
          return;
        }
        const delay = Math.min(10_000, 500 * 2 ** attempts++);
        setState((s) => ({ ...s, status: 'reconnecting', message: describeCloseCode(event.code) }));
        retry = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [key]);

  return state;
}
