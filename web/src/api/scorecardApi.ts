import { type Scorecard, type ScorecardInput, scorecardSchema } from '@codestream/shared';
import { requestJson } from '../lib/http.ts';

/** The room's scorecard (hosts only). */
export function getScorecard(roomId: string, signal?: AbortSignal): Promise<Scorecard> {
  return requestJson(scorecardSchema, `/api/rooms/${encodeURIComponent(roomId)}/scorecard`, { signal });
}

/** Saves the room's scorecard; resolves with it as stored. */
export function saveScorecard(roomId: string, input: ScorecardInput): Promise<Scorecard> {
  return requestJson(scorecardSchema, `/api/rooms/${encodeURIComponent(roomId)}/scorecard`, {
    method: 'PUT',
    json: input,
  });
}
