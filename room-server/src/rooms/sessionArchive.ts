import { extname } from 'node:path';
import { type ChatMessage, findLanguage, type Scorecard } from '@codestream/shared';
import { writeZip } from '../problems/zipFiles.ts';
import type { SubmissionRecord } from '../submissions/SubmissionRepository.ts';
import type { RunRecord } from './RunRepository.ts';
import type { RoomContent } from './roomContent.ts';

/** The name of the room's code as a source file: `solution` with its language's extension. */
export function solutionFileName(content: Pick<RoomContent, 'language'>): string {
  return `solution${extname(findLanguage(content.language)?.fileName ?? '.txt')}`;
}

export interface SessionArchiveParts {
  content: RoomContent;
  runs: readonly RunRecord[];
  submissions: readonly Omit<SubmissionRecord, 'code'>[];
  chat: readonly ChatMessage[];
  /** Only in a host's archive. */
  private?: { notes: string; scorecard: Scorecard };
}

/** A room's session as a zip: final code and input, runs, submissions, chat, and for hosts the notes and scorecard. */
export function sessionArchive(parts: SessionArchiveParts): Uint8Array {
  const text = (value: string) => new TextEncoder().encode(value);
  const json = (value: unknown) => text(`${JSON.stringify(value, null, 2)}\n`);
  const files: Record<string, Uint8Array> = {
    [solutionFileName(parts.content)]: text(parts.content.code),
    'stdin.txt': text(parts.content.stdin),
    'runs.json': json(parts.runs.map(runEntry)),
    'submissions.json': json(parts.submissions.map(submissionEntry)),
    'chat.json': json(
      parts.chat.map(({ author, at, text }) => ({ author: author.name, at: new Date(at).toISOString(), text })),
    ),
  };
  if (parts.private) {
    files['notes.md'] = text(parts.private.notes);
    files['scorecard.json'] = json(parts.private.scorecard);
  }
  return writeZip(files);
}

function runEntry(run: RunRecord) {
  const output = (stream: 'stdout' | 'stderr') =>
    run.events.flatMap((event) => (event.type === 'output' && event.stream === stream ? [event.data] : [])).join('');
  return {
    startedBy: run.startedBy,
    requestedAt: run.requestedAt.toISOString(),
    language: run.language,
    code: run.code,
    stdin: run.stdin,
    stdout: output('stdout'),
    stderr: output('stderr'),
    exit: run.exit,
  };
}

function submissionEntry(submission: Omit<SubmissionRecord, 'code'>) {
  return {
    submittedBy: submission.submittedBy,
    requestedAt: submission.requestedAt.toISOString(),
    problemSlug: submission.problemSlug,
    language: submission.language,
    verdict: submission.finished?.verdict ?? null,
    passed: submission.finished?.passed ?? null,
    total: submission.total,
  };
}
