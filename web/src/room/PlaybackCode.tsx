import type { PlaybackAuthor, PlaybackMoment } from '@codestream/shared';
import { authorColor, codeSegments } from '../lib/playback.ts';

/**
 * The code at one moment, each stretch underlined in its author's colour and what the
 * shown update inserted tinted with it (the starter code is left plain).
 */
export function PlaybackCode({ moment, authors }: { moment: PlaybackMoment; authors: readonly PlaybackAuthor[] }) {
  const keys = authors.map((author) => author.key);
  const segments = codeSegments(moment.code, moment.spans, moment.edit?.inserted ?? [], keys);
  return (
    <section class="playback-code" aria-label="Code">
      <pre data-testid="playback-code" data-seq={moment.seq}>
        {segments.map((segment, i) => {
          if (segment.author === null) return segment.text;
          const color = authorColor(keys[segment.author] ?? '');
          return (
            <span
              // Segments are rebuilt for every moment; their order is their identity.
              key={i}
              class={segment.fresh ? 'playback-fresh' : undefined}
              title={authors[segment.author]?.name}
              style={{ borderBottomColor: color, backgroundColor: segment.fresh ? `${color}66` : undefined }}
            >
              {segment.text}
            </span>
          );
        })}
      </pre>
    </section>
  );
}
