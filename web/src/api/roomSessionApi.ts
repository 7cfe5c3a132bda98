import type { RoomControls } from '@codestream/shared';
import { type Fetch, request } from '../lib/http.ts';

/** What a host may change of the session at once (`timer` starts or stops it now). */
export interface SessionChange {
  title?: string;
  durationMinutes?: number | null;
  autoEnd?: boolean;
  timer?: 'start' | 'stop';
}

const roomPath = (roomId: string, action: string) => `/api/rooms/${encodeURIComponent(roomId)}/${action}`;

/** Stored before the answer; everyone in the room hears of it through the socket. */
export async function changeControls(roomId: string, change: Partial<RoomControls>, fetchImpl?: Fetch) {
  await request(roomPath(roomId, 'controls'), { method: 'PATCH', json: change, fetchImpl });
}

export async function changeSession(roomId: string, change: SessionChange, fetchImpl?: Fetch) {
  await request(roomPath(roomId, 'session'), { method: 'PATCH', json: change, fetchImpl });
}

/** Ends the interview: the room becomes a read-only archive (guests keep it only if `archiveForGuests`). */
export async function endRoom(roomId: string, archiveForGuests: boolean, fetchImpl?: Fetch) {
  await request(roomPath(roomId, 'end'), { method: 'POST', json: { archiveForGuests }, fetchImpl });
}

export async function reopenRoom(roomId: string, fetchImpl?: Fetch) {
  await request(roomPath(roomId, 'reopen'), { method: 'POST', json: {}, fetchImpl });
}
