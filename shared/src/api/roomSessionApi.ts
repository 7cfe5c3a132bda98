import { playbackMomentSchema, playbackTimelineSchema } from '../playback.ts';
import { MAX_DURATION_MINUTES, roomControlsSchema, roomSessionSchema } from '../roomControls.ts';
import { scorecardInputSchema, scorecardSchema } from '../scorecard.ts';
import { z } from '../zodMini.ts';
import { type ApiRoute, file, json } from './apiRoute.ts';
import { roomTitleSchema } from './roomsApi.ts';

/** PATCH /api/rooms/:id/controls: the controls to change, the others kept. */
export const controlsChangeSchema = z.partial(z.strictObject(roomControlsSchema.shape));
/** PATCH /api/rooms/:id/session: title and timer; `timer` starts it now or stops it. */
export const sessionChangeSchema = z.partial(
  z.strictObject({
    title: roomTitleSchema,
    durationMinutes: z.nullable(z.number().check(z.int(), z.gte(1), z.lte(MAX_DURATION_MINUTES))),
    autoEnd: z.boolean(),
    timer: z.enum(['start', 'stop']),
  }),
);
export const endRoomInputSchema = z.strictObject({ archiveForGuests: z._default(z.boolean(), false) });
export const playbackMomentQuerySchema = z.object({ seq: z.coerce.number().check(z.int(), z.gte(0)) });

const roomId = { id: 'A room id.' };
const roomNotFound = 'Room not found (or the requester is not in it).';
const notAHost = 'The requester is in the room but not one of its hosts.';
const hostRoute = { tag: 'Room sessions', access: 'room-host', params: roomId } as const;
const sessionChanged = json(roomSessionSchema, 'The room’s session as stored, told to everyone in it.');

export const ROOM_SESSION_ROUTES: ApiRoute[] = [
  {
    ...hostRoute,
    method: 'patch',
    path: '/api/rooms/:id/controls',
    summary: 'Changes who may run and edit, and what participants see.',
    body: { json: controlsChangeSchema },
    responses: { 200: json(roomControlsSchema, 'The controls as stored.'), 403: notAHost, 404: roomNotFound },
  },
  {
    ...hostRoute,
    method: 'patch',
    path: '/api/rooms/:id/session',
    summary: 'Changes the room’s title and timer.',
    body: { json: sessionChangeSchema },
    responses: {
      200: sessionChanged,
      400: 'Invalid change, or a timer started without a length.',
      403: notAHost,
      404: roomNotFound,
    },
  },
  {
    ...hostRoute,
    method: 'post',
    path: '/api/rooms/:id/end',
    summary: 'Ends the interview: the room becomes a read-only archive.',
    body: { json: endRoomInputSchema },
    responses: { 200: sessionChanged, 403: notAHost, 404: roomNotFound },
  },
  {
    ...hostRoute,
    method: 'post',
    path: '/api/rooms/:id/reopen',
    summary: 'Opens an ended room again.',
    responses: { 200: sessionChanged, 403: notAHost, 404: roomNotFound },
  },
  {
    ...hostRoute,
    method: 'get',
    path: '/api/rooms/:id/scorecard',
    summary: 'The hosts’ scorecard of the candidate.',
    responses: {
      200: json(scorecardSchema, 'The scorecard (empty before anyone saved one).'),
      403: notAHost,
      404: roomNotFound,
    },
  },
  {
    ...hostRoute,
    method: 'put',
    path: '/api/rooms/:id/scorecard',
    summary: 'Saves the scorecard.',
    body: { json: scorecardInputSchema },
    responses: { 200: json(scorecardSchema, 'The scorecard as stored.'), 403: notAHost, 404: roomNotFound },
  },
  {
    method: 'get',
    path: '/api/rooms/:id/code',
    summary: 'Downloads the room’s code as it is now, as a source file.',
    tag: 'Room sessions',
    access: 'room',
    params: roomId,
    responses: { 200: file('text/plain', 'The code (Content-Disposition names the file).'), 404: roomNotFound },
  },
  {
    method: 'get',
    path: '/api/rooms/:id/export',
    summary: 'Downloads the session as a zip: code, runs, submissions, chat (and for hosts, notes and scorecard).',
    tag: 'Room sessions',
    access: 'room',
    params: roomId,
    responses: { 200: file('application/zip', 'The archive.'), 404: roomNotFound },
  },
  {
    method: 'get',
    path: '/api/rooms/:id/playback',
    summary: 'The whole session as one timeline: edits, runs, submissions, joins, leaves and chat.',
    description: 'For the room’s hosts, and for everyone in it when its hosts allow it (`playbackForAll`).',
    tag: 'Room sessions',
    access: 'room',
    params: roomId,
    responses: { 200: json(playbackTimelineSchema, 'The timeline.'), 404: roomNotFound },
  },
  {
    method: 'get',
    path: '/api/rooms/:id/playback/moment',
    summary: 'The code (and for hosts, the notes) after one update of the session.',
    tag: 'Room sessions',
    access: 'room',
    params: roomId,
    query: playbackMomentQuerySchema,
    responses: { 200: json(playbackMomentSchema, 'The moment (clamped to the history held).'), 404: roomNotFound },
  },
];
