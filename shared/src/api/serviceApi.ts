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

const partStateSchema = z.enum(['up', 'down']);

export const healthReportSchema = z.object({
  ok: z.boolean(),
  database: partStateSchema,
  /** The in-process judge's Docker engine, the judge service, or the judge queue. */
  judge: z.optional(partStateSchema),
  /** Only when the server was given a Redis to ping. */
  redis: z.optional(partStateSchema),
  /** One sentence per part that is down, prefixed with its name (`judge: …`); only when one is. */
  problems: z.optional(z.array(z.string())),
  waitingRooms: z.optional(z.array(waitingRoomSchema)),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

export const readyReportSchema = z.object({
  ready: z.boolean(),
  /** Why not: `shutting down`, or the database's problem. */
  reason: z.optional(z.string()),
});
export type ReadyReport = z.infer<typeof readyReportSchema>;

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
    summary:
      'Whether every part works: the database, the judge, Redis when configured, and no room’s edits waiting too long to be stored.',
    description: 'Each part is asked at most once a second, with a timeout.',
    tag: 'Service',
    access: 'public',
    responses: {
      200: json(healthReportSchema, 'Healthy.'),
      503: json(healthReportSchema, 'Unhealthy: what is wrong.'),
    },
  },
  {
    method: 'get',
    path: '/api/ready',
    summary:
      'For load balancers: whether the server takes new work (its database answers and it is not shutting down).',
    tag: 'Service',
    access: 'public',
    responses: {
      200: json(readyReportSchema, 'Ready.'),
      503: json(readyReportSchema, 'Not ready, and why.'),
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
