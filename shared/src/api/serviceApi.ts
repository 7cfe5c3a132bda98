import { z } from '../zodMini.ts';
import { type ApiRoute, file, json } from './apiRoute.ts';

/** A room whose accepted edits are not stored yet. */
export const waitingRoomSchema = z.object({
  roomId: z.string(),
  unstoredUpdates: z.number(),
  /** Age of its oldest unstored edit. */
  oldestAgeMs: z.number(),
});
export type WaitingRoom = z.infer<typeof waitingRoomSchema>;

export const healthReportSchema = z.object({
  ok: z.boolean(),
  database: z.enum(['up', 'down']),
  waitingRooms: z.optional(z.array(waitingRoomSchema)),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** The top of an OpenAPI document; its parts are described by the OpenAPI 3.1 specification. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export const SERVICE_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Whether the server can do its work: the database answers and no room’s edits wait too long to be stored.',
    tag: 'Service',
    access: 'public',
    responses: {
      200: json(healthReportSchema, 'Healthy.'),
      503: json(healthReportSchema, 'Unhealthy: what is wrong.'),
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document: every HTTP route, generated from the schemas the server validates with.',
    tag: 'Service',
    access: 'public',
    responses: { 200: json(openApiDocumentSchema, 'An OpenAPI 3.1 document.') },
  },
  {
    method: 'get',
    path: '/api/docs',
    summary: 'This document as a page to read.',
    tag: 'Service',
    access: 'public',
    responses: { 200: file('text/html', 'The page.') },
  },
];
