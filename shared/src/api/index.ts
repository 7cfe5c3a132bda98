import type { $ZodType } from 'zod/v4/core';
import { publicUserSchema } from '../auth.ts';
import { classInfoSchema } from '../classInfo.ts';
import { apiJobAcceptedSchema, apiRunSchema, apiSubmissionSchema, apiTokenSchema } from '../integrationApi.ts';
import { playbackMomentSchema, playbackTimelineSchema } from '../playback.ts';
import { publicCheckerSchema, testCasePreviewSchema, testCaseSchema } from '../problems.ts';
import { chatMessageSchema } from '../roomChat.ts';
import { roomControlsSchema, roomSessionSchema } from '../roomControls.ts';
import { runViewSchema, submissionViewSchema } from '../roomMessages.ts';
import { runEventSchema } from '../runEvents.ts';
import { scorecardSchema } from '../scorecard.ts';
import { submitEventSchema, verdictSchema } from '../submissions.ts';
import { ACCOUNT_ROUTES, adminUserSchema } from './accountsApi.ts';
import type { ApiRoute } from './apiRoute.ts';
import { errorBodySchema } from './apiRoute.ts';
import { CLASS_ROUTES, classRoomSchema, classViewSchema, instructorClassSchema } from './classesApi.ts';
import { INTEGRATION_ROUTES } from './integrationsApi.ts';
import { OWN_ACCOUNT_ROUTES } from './ownAccountApi.ts';
import { PROBLEM_ROUTES, problemSchema } from './problemsApi.ts';
import { ROOM_SESSION_ROUTES } from './roomSessionApi.ts';
import { ROOM_ROUTES, roomDetailSchema, roomListItemSchema, roomViewSchema } from './roomsApi.ts';
import { SERVICE_ROUTES } from './serviceApi.ts';
import { SUBMISSION_ROUTES, submissionSummarySchema } from './submissionsApi.ts';

export * from './accountsApi.ts';
export * from './apiRoute.ts';
export * from './classesApi.ts';
export * from './integrationsApi.ts';
export * from './ownAccountApi.ts';
export * from './problemsApi.ts';
export * from './roomSessionApi.ts';
export * from './roomsApi.ts';
export * from './serviceApi.ts';
export * from './submissionsApi.ts';

/**
 * Every HTTP route room-server serves. A new route gets its `ApiRoute` in its feature's
 * `…Api.ts` (a new feature: a new file, listed here); room-server's openApi.int test names
 * any route the server answers that is missing here.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  ...SERVICE_ROUTES,
  ...ACCOUNT_ROUTES,
  ...OWN_ACCOUNT_ROUTES,
  ...ROOM_ROUTES,
  ...ROOM_SESSION_ROUTES,
  ...CLASS_ROUTES,
  ...SUBMISSION_ROUTES,
  ...PROBLEM_ROUTES,
  ...INTEGRATION_ROUTES,
];

/**
 * Schemas the document names (`#/components/schemas/<name>`) wherever a response uses
 * them, so the docs show each once; the others are written where they are used.
 */
export const API_SCHEMAS: Readonly<Record<string, $ZodType>> = {
  Error: errorBodySchema,
  PublicUser: publicUserSchema,
  AdminUser: adminUserSchema,
  Room: roomViewSchema,
  RoomDetail: roomDetailSchema,
  RoomListItem: roomListItemSchema,
  RoomControls: roomControlsSchema,
  RoomSession: roomSessionSchema,
  RunView: runViewSchema,
  RunEvent: runEventSchema,
  SubmissionView: submissionViewSchema,
  SubmitEvent: submitEventSchema,
  SubmissionSummary: submissionSummarySchema,
  Verdict: verdictSchema,
  Scorecard: scorecardSchema,
  ChatMessage: chatMessageSchema,
  PlaybackTimeline: playbackTimelineSchema,
  PlaybackMoment: playbackMomentSchema,
  ClassInfo: classInfoSchema,
  Class: classViewSchema,
  InstructorClass: instructorClassSchema,
  ClassRoom: classRoomSchema,
  Problem: problemSchema,
  PublicChecker: publicCheckerSchema,
  TestCase: testCaseSchema,
  TestCasePreview: testCasePreviewSchema,
  ApiToken: apiTokenSchema,
  ApiJobAccepted: apiJobAcceptedSchema,
  ApiRun: apiRunSchema,
  ApiSubmission: apiSubmissionSchema,
};
