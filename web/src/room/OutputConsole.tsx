import { findLanguageInfo, type RunEvent, type RunView } from '@codestream/shared';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { describeExit, formatDuration } from '../lib/exitStatus.ts';
import { formatBytes, formatClockTime } from '../lib/format.ts';
import { queuePosition, runPhase } from '../lib/runState.ts';

function EventLine({ event }: { event: RunEvent }) {
  switch (event.type) {
    case 'output':
      return (
        <span class={`out out-${event.stream}`} data-stream={event.stream} title={event.stream}>
          {event.data}
        </span>
      );
    case 'truncated':
      return (
        <span class="out-marker" data-testid="truncated" data-stream={event.stream}>
          {`\n… ${event.stream} truncated after ${formatBytes(event.limitBytes)} …\n`}
        </span>
      );
    case 'input':
      // Echoed as a terminal would, marked as input, with who typed it.
      return (
        <span class="out out-stdin" data-stream="stdin" title={event.by ? `input typed by ${event.by}` : 'input'}>
          {event.by && <span class="stdin-by">{`${event.by} ›`}</span>}
          {event.data}
          {event.eof && <span class="stdin-eof">{'^D\n'}</span>}
        </span>
      );
    case 'queued':
    case 'started':
    case 'exit':
      return null;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/**
 * The room's shared console: who ran what, the output as it streams, how it ended.
 * `titled`: it is the only thing in ResultsPanel, so its header carries the title.
 * `shown`: false while another tab hides it (shown again, it goes back to the end).
 */
export function OutputConsole({
  run,
  titled = false,
  shown = true,
}: {
  run: RunView | null;
  titled?: boolean;
  shown?: boolean;
}) {
  const body = useRef<HTMLElement>(null);
  // Follow the output unless the reader scrolled up to look at something. Only when the run
  // changed or the console is shown again: reading scrollHeight lays the page out at once,
  // which the room's first render (no run yet) and every unrelated render would pay for.
  const stickToBottom = useRef(true);

  useLayoutEffect(() => {
    const el = body.current;
    if (run && shown && el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [run, shown]);

  // A new run starts at the bottom again.
  const runId = run?.id;
  useLayoutEffect(() => {
    stickToBottom.current = true;
  }, [runId]);

  const phase = runPhase(run);
  const queued = queuePosition(run);
  const exit = run?.events.find((e): e is Extract<RunEvent, { type: 'exit' }> => e.type === 'exit');
  const status = exit ? describeExit(exit) : null;
  const hasOutput = run?.events.some((e) => e.type === 'output' || e.type === 'truncated') ?? false;

  return (
    <>
      <div class={titled ? 'pane-header console-header' : 'pane-subheader'}>
        {titled && (
          <h2 id="console-title" class="pane-title">
            Output
          </h2>
        )}
        {run ? (
          <p class="run-meta">
            <span data-testid="run-author" class="run-author">
              {run.startedBy}
            </span>{' '}
            ran {findLanguageInfo(run.language)?.label ?? run.language} at{' '}
            <time dateTime={new Date(run.requestedAt).toISOString()}>{formatClockTime(run.requestedAt)}</time>
          </p>
        ) : (
          <span class="run-meta" />
        )}
        <span class="legend" aria-hidden="true">
          <span class="legend-stdout">stdout</span>
          <span class="legend-stderr">stderr</span>
        </span>
      </div>
      <section
        class="console-body"
        ref={body}
        aria-label="Program output"
        // A scrollable region must be reachable by keyboard to be scrolled (WCAG 2.1.1).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {!run && <p class="console-empty">Press Run to execute the program. Everyone in the room sees the output.</p>}
        <pre class="console-output" data-testid="output">
          {run?.events.map((event, i) => (
            // Events are only ever appended (the last output event grows), so index keys are stable.
            <EventLine key={i} event={event} />
          ))}
        </pre>
        {run && !hasOutput && phase === 'finished' && <p class="console-empty">No output.</p>}
        {(phase === 'starting' || phase === 'running') && (
          <p class="running" data-testid="running" role="status">
            <span class="spinner" aria-hidden="true" />
            {phase === 'running'
              ? 'Running…'
              : queued !== null
                ? `Waiting for a free sandbox (${queued === 1 ? 'next' : `position ${queued}`})…`
                : 'Starting…'}
          </p>
        )}
        {exit && status && (
          <div class={`exit-status tone-${status.tone}`} role="status">
            <p class="exit-line">
              <span data-testid="exit-status" data-outcome={exit.outcome}>
                {status.text}
              </span>
              <span class="exit-duration" data-testid="exit-duration">
                {' · '}
                {formatDuration(exit.durationMs)}
              </span>
            </p>
            {status.detail && (
              <p class="exit-detail" data-testid="exit-detail">
                {status.detail}
              </p>
            )}
          </div>
        )}
      </section>
    </>
  );
}
