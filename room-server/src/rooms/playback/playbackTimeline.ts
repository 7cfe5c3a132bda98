import type { ChatMessage, PlaybackAuthor, PlaybackTimeline } from '@codestream/shared';
import type { SubmissionRecord } from '../../submissions/SubmissionRepository.ts';
import type { RoomEvent } from '../RoomEventRepository.ts';
import type { RoomMeta } from '../RoomRepository.ts';
import type { RunRecord } from '../RunRepository.ts';
import { toRunView } from '../RunRepository.ts';
import { authorKey } from './loadPlaybackIndex.ts';
import type { PlaybackIndex } from './PlaybackIndex.ts';

export interface TimelineSources {
  room: Pick<RoomMeta, 'ownerId' | 'participants' | 'createdAt'>;
  index: PlaybackIndex;
  runs: readonly RunRecord[];
  submissions: readonly Omit<SubmissionRecord, 'code'>[];
  events: readonly RoomEvent[];
  chat: readonly ChatMessage[];
  /** Account names by id, for authors who are not listed among the room's participants. */
  userNames: ReadonlyMap<string, string>;
}

/** The user ids among the authors of `keys` (to look their names up). */
export function accountIds(keys: Iterable<string>): string[] {
  return [...new Set([...keys].flatMap((key) => (key.startsWith('u:') ? [key.slice(2)] : [])))];
}

export function playbackTimeline(sources: TimelineSources): PlaybackTimeline {
  const { index, room } = sources;
  const authors: PlaybackAuthor[] = [];
  const positions = new Map<string, number>();
  const authorIndex = (key: string) => {
    let position = positions.get(key);
    if (position === undefined) {
      position = authors.length;
      positions.set(key, position);
      authors.push(describeAuthor(key, sources));
    }
    return position;
  };
  const startAt = index.base.seq === 0 ? Math.min(index.base.at, room.createdAt.getTime()) : index.base.at;
  const atDeltas: number[] = [];
  const author: number[] = [];
  let previous = startAt;
  for (const entry of index.updates) {
    atDeltas.push(entry.at - previous);
    previous = entry.at;
    author.push(authorIndex(entry.author));
  }
  const presence = sources.events.map((event) => ({
    at: event.at.getTime(),
    kind: event.kind,
    author: authorIndex(authorKey(event.who)),
  }));
  const runs = sources.runs.map((run) => ({ ...toRunView(run), finishedAt: run.finishedAt?.getTime() ?? null }));
  const submissions = sources.submissions.map((submission) => ({
    id: submission._id,
    submittedBy: submission.submittedBy,
    requestedAt: submission.requestedAt.getTime(),
    finishedAt: submission.finishedAt?.getTime() ?? null,
    verdict: submission.finished?.verdict ?? null,
    passed: submission.finished?.passed ?? null,
    total: submission.total,
  }));
  const endAt = Math.max(
    previous,
    ...presence.map((p) => p.at),
    ...runs.map((run) => run.finishedAt ?? run.requestedAt),
    ...submissions.map((s) => s.finishedAt ?? s.requestedAt),
    ...sources.chat.map((message) => message.at),
  );
  return {
    firstSeq: index.firstSeq,
    lastSeq: index.lastSeq,
    startAt,
    endAt,
    authors,
    updates: { atDeltas, author },
    runs,
    submissions,
    presence,
    chat: [...sources.chat],
  };
}

function describeAuthor(key: string, { room, userNames }: TimelineSources): PlaybackAuthor {
  if (key.startsWith('g:')) {
    const listed = room.participants?.find((p) => p.guestId === key.slice(2))?.name;
    return { key, name: listed ?? key.slice(2), kind: 'guest' };
  }
  const id = key.slice(2);
  const listed = room.participants?.find((p) => p.userId === id)?.name;
  return { key, name: listed ?? userNames.get(id) ?? (id === room.ownerId ? 'Host' : 'Someone'), kind: 'account' };
}
