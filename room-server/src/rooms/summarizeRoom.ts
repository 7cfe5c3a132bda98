import {
  type LanguageId,
  type OnlinePerson,
  PREVIEW_LINE_CHARS,
  PREVIEW_LINES,
  type RoomSummary,
  type RunSummary,
  type RunView,
  type SubmissionSummary,
  type SubmissionView,
} from '@codestream/shared';
import type { RoomActivityFacts } from './RoomActivity.ts';

export interface RoomSummaryInput {
  roomId: string;
  title: string;
  language: LanguageId;
  createdAt: number;
  /** Everyone to list as online (one entry per socket; people in several tabs are listed once). */
  online: readonly OnlinePerson[];
  code: string;
  activity: RoomActivityFacts;
  run: RunView | null;
  submission: SubmissionView | null;
}

/** A room's summary for its hosts' dashboards: no output, no test data, a bounded preview. */
export function summarizeRoom(input: RoomSummaryInput): RoomSummary {
  const { code, activity } = input;
  const people = new Map<string, OnlinePerson>();
  for (const person of input.online) {
    if (!people.has(person.id)) people.set(person.id, { id: person.id, name: person.name, role: person.role });
  }
  return {
    roomId: input.roomId,
    title: input.title,
    language: input.language,
    createdAt: input.createdAt,
    online: [...people.values()].sort((a, b) => a.name.localeCompare(b.name)),
    lastEditAt: activity.lastEditAt,
    lastEditBy: activity.lastEditBy,
    lines: code === '' ? 0 : lineCount(code),
    preview: preview(code, activity.lastEditIndex),
    lastRun: input.run && summarizeRun(input.run),
    lastSubmission: input.submission && summarizeSubmission(input.submission),
    failStreak: activity.failStreak,
  };
}

function lineCount(code: string): number {
  let lines = 1;
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) lines++;
  // A final newline ends the last line; it does not start another.
  return code.endsWith('\n') ? lines - 1 : lines;
}

/** PREVIEW_LINES lines around the character `index` (clamped to the code), each cut to PREVIEW_LINE_CHARS. */
export function preview(code: string, index: number): RoomSummary['preview'] {
  const lines = code.split('\n');
  if (code.endsWith('\n')) lines.pop();
  const at = Math.min(Math.max(0, index), code.length);
  let editLine = 0;
  for (let i = code.indexOf('\n'); i !== -1 && i < at; i = code.indexOf('\n', i + 1)) editLine++;
  const start = Math.max(0, Math.min(editLine - Math.floor(PREVIEW_LINES / 2), lines.length - PREVIEW_LINES));
  const shown = lines.slice(start, start + PREVIEW_LINES).map((line) => line.slice(0, PREVIEW_LINE_CHARS));
  return { firstLine: start + 1, text: shown.join('\n') };
}

function summarizeRun(run: RunView): RunSummary {
  const last = run.events.at(-1);
  const exit = last?.type === 'exit' ? last : null;
  return {
    at: run.requestedAt,
    startedBy: run.startedBy,
    outcome: exit?.outcome ?? null,
    exitCode: exit?.code ?? null,
  };
}

function summarizeSubmission(submission: SubmissionView): SubmissionSummary {
  const finished = submission.events.find((event) => event.type === 'finished');
  const passed = submission.events.filter((event) => event.type === 'test' && event.verdict === 'accepted').length;
  return {
    at: submission.requestedAt,
    submittedBy: submission.submittedBy,
    verdict: finished?.verdict ?? null,
    passed: finished?.passed ?? passed,
    total: finished?.total ?? submission.total,
  };
}
