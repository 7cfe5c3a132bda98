import { useEffect, useState } from 'preact/hooks';
import { copyText } from '../lib/clipboard.ts';
import { formatClockTime } from '../lib/format.ts';
import {
  type MarkerKind,
  PLAYBACK_SPEEDS,
  type PlaybackClock,
  type PlaybackMarker,
  stepToMarker,
  timeOfSeq,
} from '../lib/playback.ts';
import { playbackPath } from '../lib/route.ts';

export interface PlaybackPosition {
  seq: number;
  /** The playback clock (server ms): at or after the update `seq`, before the next one. */
  time: number;
}

interface PlaybackControlsProps {
  roomId: string;
  clock: PlaybackClock;
  markers: readonly PlaybackMarker[];
  position: PlaybackPosition;
  onSeek(position: PlaybackPosition): void;
  playing: boolean;
  onTogglePlay(): void;
  speed: number;
  onSpeed(speed: number): void;
  skipIdle: boolean;
  onSkipIdle(skip: boolean): void;
}

const STEPS: { kind: MarkerKind; label: string }[] = [
  { kind: 'run', label: 'run' },
  { kind: 'submission', label: 'submission' },
];

/** The session's slider with its markers, play/pause, speed, skip idle, steps to runs and submissions, and a link. */
export function PlaybackControls(props: PlaybackControlsProps) {
  const { clock, markers, position, onSeek } = props;
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (copied === 'idle') return;
    const timer = setTimeout(() => setCopied('idle'), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const span = Math.max(1, clock.lastSeq - clock.firstSeq);
  const seekSeq = (seq: number) => onSeek({ seq, time: timeOfSeq(clock, seq) });
  const step = (kind: MarkerKind, direction: 1 | -1) => {
    const marker = stepToMarker(markers, kind, position.time, direction);
    if (marker) onSeek({ seq: marker.seq, time: marker.at });
  };
  const link = `${window.location.origin}${playbackPath(props.roomId, position.seq)}`;

  return (
    <div class="playback-controls">
      <div class="playback-track">
        <input
          type="range"
          aria-label="Moment"
          aria-valuetext={`${formatClockTime(position.time)}, update ${position.seq} of ${clock.lastSeq}`}
          min={clock.firstSeq}
          max={clock.lastSeq}
          step={1}
          value={position.seq}
          onInput={(e) => seekSeq(Number(e.currentTarget.value))}
          onKeyDown={(e) => {
            if (e.key === ' ') {
              e.preventDefault();
              props.onTogglePlay();
            }
          }}
        />
        <div class="playback-markers">
          {markers.map((marker) => (
            <button
              key={`${marker.kind}-${marker.at}-${marker.label}`}
              type="button"
              tabIndex={-1}
              class={`playback-marker marker-${marker.kind}`}
              style={{ left: `${((marker.seq - clock.firstSeq) / span) * 100}%` }}
              title={`${marker.label} at ${formatClockTime(marker.at)}`}
              aria-label={`${marker.label} at ${formatClockTime(marker.at)}`}
              onClick={() => onSeek({ seq: marker.seq, time: marker.at })}
            />
          ))}
        </div>
      </div>
      <div class="playback-buttons">
        <button type="button" class="button small primary" onClick={props.onTogglePlay}>
          {props.playing ? 'Pause' : 'Play'}
        </button>
        <label class="playback-speed">
          Speed{' '}
          <select value={props.speed} onChange={(e) => props.onSpeed(Number(e.currentTarget.value))}>
            {PLAYBACK_SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {speed}×
              </option>
            ))}
          </select>
        </label>
        <label class="playback-skip">
          <input type="checkbox" checked={props.skipIdle} onChange={(e) => props.onSkipIdle(e.currentTarget.checked)} />{' '}
          Skip idle
        </label>
        {STEPS.map(({ kind, label }) => [
          <button key={`prev-${kind}`} type="button" class="button small" onClick={() => step(kind, -1)}>
            Previous {label}
          </button>,
          <button key={`next-${kind}`} type="button" class="button small" onClick={() => step(kind, 1)}>
            Next {label}
          </button>,
        ])}
        <button
          type="button"
          class="button small"
          data-url={link}
          onClick={async () => setCopied((await copyText(link)) ? 'copied' : 'failed')}
        >
          <span aria-live="polite">
            {copied === 'copied' ? 'Link copied' : copied === 'failed' ? 'Copying was refused' : 'Copy link'}
          </span>
        </button>
      </div>
    </div>
  );
}
