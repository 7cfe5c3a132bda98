import { playbackMomentSchema, playbackTimelineSchema } from '@codestream/shared';
import { type Fetch, requestJson } from '../lib/http.ts';

const base = (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/playback`;

/** The room's whole session (hosts, or everyone in it when the hosts allow it). */
export function loadPlaybackTimeline(roomId: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(playbackTimelineSchema, base(roomId), { signal, fetchImpl });
}

/** The code right after update `seq`, who wrote each part, and what that update changed. */
export function loadPlaybackMoment(roomId: string, seq: number, signal?: AbortSignal, fetchImpl?: Fetch) {
  return requestJson(playbackMomentSchema, `${base(roomId)}/moment?seq=${seq}`, { signal, fetchImpl });
}
