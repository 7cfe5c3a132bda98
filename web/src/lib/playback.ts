import type { PlaybackTimeline } from '@codestream/shared';
import { assignColor } from '@codestream/shared';

/** Playback speeds offered (times real time). */
export const PLAYBACK_SPEEDS = [1, 2, 4, 8, 16, 32] as const;
/** With "skip idle", a stretch without activity longer than this is jumped over… */
export const IDLE_GAP_MS = 10_000;
/** …to this long before the next activity. */
export const IDLE_LEAD_MS = 1_000;

/** The session's clock: when each update happened, at index seq - firstSeq (0: the start). */
export interface PlaybackClock {
  firstSeq: number;
  lastSeq: number;
  times: number[];
  endAt: number;
}

export function playbackClock(data: PlaybackTimeline): PlaybackClock {
  const times = [data.startAt];
  let at = data.startAt;
  for (const delta of data.updates.atDeltas) {
    at += delta;
    times.push(at);
  }
  return { firstSeq: data.firstSeq, lastSeq: data.lastSeq, times, endAt: Math.max(data.endAt, at) };
}

/** When update `seq` happened (the start for firstSeq). */
export function timeOfSeq(clock: PlaybackClock, seq: number): number {
  const i = Math.min(clock.times.length - 1, Math.max(0, seq - clock.firstSeq));
  return clock.times[i] as number;
}

/** The last update made at or before `time` (firstSeq before the first one). */
export function seqAtTime(clock: PlaybackClock, time: number): number {
  let low = 0;
  let high = clock.times.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((clock.times[middle] as number) <= time) low = middle;
    else high = middle - 1;
  }
  return clock.firstSeq + low;
}

export type MarkerKind = 'run' | 'submission' | 'join' | 'leave' | 'chat';

export interface PlaybackMarker {
  kind: MarkerKind;
  at: number;
  /** The moment it shows: the last update before it. */
  seq: number;
  label: string;
}

/** Runs, submissions, joins, leaves and chat messages in time order. */
export function playbackMarkers(data: PlaybackTimeline, clock: PlaybackClock): PlaybackMarker[] {
  const marker = (kind: MarkerKind, at: number, label: string) => ({ kind, at, seq: seqAtTime(clock, at), label });
  const name = (author: number) => data.authors[author]?.name ?? 'Someone';
  return [
    ...data.runs.map((run) => marker('run', run.requestedAt, `Run by ${run.startedBy}`)),
    ...data.submissions.map((s) =>
      marker(
        'submission',
        s.requestedAt,
        `Submission by ${s.submittedBy}: ${s.verdict ?? 'not judged'}${s.passed === null ? '' : ` (${s.passed}/${s.total})`}`,
      ),
    ),
    ...data.presence.map((p) => marker(p.kind, p.at, `${name(p.author)} ${p.kind === 'join' ? 'joined' : 'left'}`)),
    ...data.chat.map((m) => marker('chat', m.at, `${m.author.name}: ${m.text}`)),
  ].sort((a, b) => a.at - b.at);
}

/**
 * The chat messages said by `position`'s time. At the session's last update, all of them:
 * the slider's end is the end of the session, and people may chat after the last edit.
 */
export function chatUntil<T extends { at: number }>(
  chat: readonly T[],
  clock: PlaybackClock,
  position: { seq: number; time: number },
): T[] {
  const until = position.seq >= clock.lastSeq ? Number.POSITIVE_INFINITY : position.time;
  return chat.filter((message) => message.at <= until);
}

/** The next (direction 1) or previous (-1) marker of `kind` strictly after or before `time`. */
export function stepToMarker(
  markers: readonly PlaybackMarker[],
  kind: MarkerKind,
  time: number,
  direction: 1 | -1,
): PlaybackMarker | null {
  const ofKind = markers.filter((m) => m.kind === kind);
  if (direction === 1) return ofKind.find((m) => m.at > time) ?? null;
  return ofKind.findLast((m) => m.at < time) ?? null;
}

/** The latest of `items` that had started by `time`. */
export function latestBefore<T extends { requestedAt: number }>(items: readonly T[], time: number): T | null {
  return items.findLast((item) => item.requestedAt <= time) ?? null;
}

/**
 * Where playing moves the clock after `elapsedMs` of real time at `speed`; with
 * `skipIdle`, a quiet stretch longer than IDLE_GAP_MS before the next update or marker is
 * jumped to IDLE_LEAD_MS before it. Never past the end.
 */
export function advanceClock(
  clock: PlaybackClock,
  markers: readonly PlaybackMarker[],
  time: number,
  elapsedMs: number,
  speed: number,
  skipIdle: boolean,
): number {
  let next = time + elapsedMs * speed;
  if (skipIdle) {
    const nextUpdate = clock.times[seqAtTime(clock, time) - clock.firstSeq + 1];
    const nextMarker = markers.find((m) => m.at > time)?.at;
    const upcoming = Math.min(nextUpdate ?? Number.POSITIVE_INFINITY, nextMarker ?? Number.POSITIVE_INFINITY);
    if (Number.isFinite(upcoming) && upcoming - time > IDLE_GAP_MS) next = Math.max(next, upcoming - IDLE_LEAD_MS);
  }
  return Math.min(next, clock.endAt);
}

/** A stretch of code shown in one style: its author's colour, and whether the shown update wrote it. */
export interface CodeSegment {
  text: string;
  /** Index into the timeline's authors; null for the starter code. */
  author: number | null;
  fresh: boolean;
}

/** The code cut where its author changes or the shown update's insertions begin or end. */
export function codeSegments(
  code: string,
  spans: readonly { from: number; to: number; author: string | null }[],
  inserted: readonly (readonly [number, number])[],
  authorKeys: readonly string[],
): CodeSegment[] {
  const cuts = new Set([0, code.length]);
  for (const span of spans) cuts.add(span.from).add(span.to);
  for (const [from, to] of inserted) cuts.add(from).add(to);
  const points = [...cuts].filter((p) => p >= 0 && p <= code.length).sort((a, b) => a - b);
  const segments: CodeSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    const key = spans.find((span) => span.from <= from && from < span.to)?.author ?? null;
    const index = key === null ? -1 : authorKeys.indexOf(key);
    segments.push({
      text: code.slice(from, to),
      author: index === -1 ? null : index,
      fresh: inserted.some(([start, end]) => start <= from && from < end),
    });
  }
  return segments;
}

/** Each author's colour: the one the room gives them (by their key: `u:…`, `g:…`). */
export function authorColor(key: string): string {
  return assignColor(key);
}
