import type { PlaybackMoment, PlaybackTimeline } from '@codestream/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadPlaybackMoment, loadPlaybackTimeline } from '../api/playbackApi.ts';
import { PageFrame } from '../components/PageFrame.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useResource } from '../hooks/useResource.ts';
import { formatClockTime, plural } from '../lib/format.ts';
import {
  advanceClock,
  authorColor,
  chatUntil,
  latestBefore,
  playbackClock,
  playbackMarkers,
  seqAtTime,
  timeOfSeq,
} from '../lib/playback.ts';
import { roomPath } from '../lib/route.ts';
import { OutputConsole } from '../room/OutputConsole.tsx';
import { PlaybackCode } from '../room/PlaybackCode.tsx';
import { PlaybackControls, type PlaybackPosition } from '../room/PlaybackControls.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** How often playing moves the clock. */
const PLAY_TICK_MS = 100;

/** `/r/:id/playback?at=<seq>`: the room's session replayed, from the moment in the link. */
export function PlaybackPage({ roomId, search }: { roomId: string; search: string }) {
  const { me } = useSession();
  const identity = me?.user?.id ?? me?.guest?.name ?? null;
  const timeline = useResource((signal) => loadPlaybackTimeline(roomId, signal), [roomId, identity]);
  useDocumentTitle('Playback');

  if (timeline.status === 'error' && !timeline.data) {
    return timeline.errorStatus === 404 ? (
      <NotFoundPage what="room" />
    ) : (
      <PageFrame>
        <p class="form-error" role="alert">
          The playback could not be loaded: {timeline.error}{' '}
          <button type="button" class="button small" onClick={timeline.reload}>
            Retry
          </button>
        </p>
      </PageFrame>
    );
  }
  const at = new URLSearchParams(search).get('at');
  const requested = at === null ? null : Number(at);
  return (
    <PageFrame wide>
      <div class="page-header">
        <h1>Playback</h1>
        <a href={roomPath(roomId)}>Back to the room</a>
      </div>
      {timeline.data ? (
        <PlaybackView roomId={roomId} data={timeline.data} startSeq={Number.isInteger(requested) ? requested : null} />
      ) : (
        <p class="muted" aria-busy="true">
          Loading the session…
        </p>
      )}
    </PageFrame>
  );
}

function PlaybackView({ roomId, data, startSeq }: { roomId: string; data: PlaybackTimeline; startSeq: number | null }) {
  const clock = useMemo(() => playbackClock(data), [data]);
  const markers = useMemo(() => playbackMarkers(data, clock), [data, clock]);
  const [position, setPosition] = useState<PlaybackPosition>(() => {
    const seq = Math.min(clock.lastSeq, Math.max(clock.firstSeq, startSeq ?? clock.firstSeq));
    return { seq, time: timeOfSeq(clock, seq) };
  });
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(4);
  const [skipIdle, setSkipIdle] = useState(true);
  const moment = useResource((signal) => loadPlaybackMoment(roomId, position.seq, signal), [roomId, position.seq]);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const elapsed = now - last;
      last = now;
      setPosition((current) => {
        const time = advanceClock(clock, markers, current.time, elapsed, speed, skipIdle);
        if (time >= clock.endAt) setPlaying(false);
        return { seq: seqAtTime(clock, time), time };
      });
    }, PLAY_TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, skipIdle, clock, markers]);

  const run = latestBefore(data.runs, position.time);
  const submission = latestBefore(data.submissions, position.time);
  const chat = chatUntil(data.chat, clock, position);
  const togglePlay = () => {
    // Playing from the end starts over.
    if (!playing && position.time >= clock.endAt)
      setPosition({ seq: clock.firstSeq, time: timeOfSeq(clock, clock.firstSeq) });
    setPlaying(!playing);
  };

  return (
    <div class="playback">
      <PlaybackControls
        roomId={roomId}
        clock={clock}
        markers={markers}
        position={position}
        onSeek={(next) => {
          setPlaying(false);
          setPosition(next);
        }}
        playing={playing}
        onTogglePlay={togglePlay}
        speed={speed}
        onSpeed={setSpeed}
        skipIdle={skipIdle}
        onSkipIdle={setSkipIdle}
      />
      <ul class="playback-authors" aria-label="Authors">
        {data.authors.map((author, _i) => (
          <li key={author.key}>
            <span class="participant-dot" style={{ backgroundColor: authorColor(author.key) }} aria-hidden="true" />
            {author.name}
            {author.kind === 'guest' ? ' (guest)' : ''}
          </li>
        ))}
      </ul>
      {moment.data ? <MomentView moment={moment.data} data={data} /> : <p class="muted">Loading the code…</p>}
      {moment.status === 'error' && (
        <p class="form-error" role="alert">
          This moment could not be loaded: {moment.error}
        </p>
      )}
      {submission && (
        <p class="playback-submission" data-testid="playback-submission">
          Latest submission, by {submission.submittedBy} at {formatClockTime(submission.requestedAt)}:{' '}
          {submission.verdict ?? 'not judged'}
          {submission.passed !== null && ` (${submission.passed}/${submission.total} tests passed)`}
        </p>
      )}
      <div class="playback-output">
        <OutputConsole run={run} titled />
      </div>
      {data.chat.length > 0 && (
        <section class="playback-chat" aria-label="Chat until this moment">
          <h2 class="pane-title">Chat until this moment</h2>
          <ol class="chat-messages" data-testid="playback-chat">
            {chat.length === 0 && <li class="muted">No messages yet at this moment.</li>}
            {chat.map((m) => (
              <li key={m.id} class="chat-message">
                <span class="chat-author" style={{ '--author': m.author.color }}>
                  {m.author.name}
                </span>{' '}
                <time class="chat-time" dateTime={new Date(m.at).toISOString()}>
                  {formatClockTime(m.at)}
                </time>
                <p class="chat-text">{m.text}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

function MomentView({ moment, data }: { moment: PlaybackMoment; data: PlaybackTimeline }) {
  const author = data.authors.find((a) => a.key === moment.edit?.author)?.name;
  const inserted = moment.edit?.inserted.reduce((sum, [from, to]) => sum + to - from, 0) ?? 0;
  const deleted = moment.edit?.deleted.reduce((sum, [, count]) => sum + count, 0) ?? 0;
  return (
    <>
      <p class="playback-moment" aria-live="polite">
        <time dateTime={new Date(moment.at).toISOString()}>{formatClockTime(moment.at)}</time> · update {moment.seq}
        {author &&
          ` · ${author}${inserted ? ` typed ${plural(inserted, 'character')}` : ''}${
            deleted ? `${inserted ? ',' : ''} deleted ${plural(deleted, 'character')}` : ''
          }`}
      </p>
      <PlaybackCode moment={moment} authors={data.authors} />
      {moment.notes !== undefined && (
        <section class="playback-notes" aria-label="Private notes">
          <h2 class="pane-title">Private notes (hosts only), as they were then</h2>
          <pre data-testid="playback-notes">{moment.notes || 'No notes yet.'}</pre>
        </section>
      )}
    </>
  );
}
