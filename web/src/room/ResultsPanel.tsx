import type { RunView, SubmissionView } from '@codestream/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { latestJob } from '../lib/jobControls.ts';
import { isSubmissionActive } from '../lib/submissionState.ts';
import { OutputConsole } from './OutputConsole.tsx';
import { PartPending } from './PartPending.tsx';
import { RunInput } from './RunInput.tsx';
import { loadResultTabs, useResultTabs } from './useProblemParts.tsx';

type Tab = 'output' | 'verdicts' | 'submissions';

const TAB_LABELS: Record<Tab, string> = { output: 'Output', verdicts: 'Verdicts', submissions: 'Submissions' };

interface ResultsPanelProps {
  roomId: string;
  run: RunView | null;
  submission: SubmissionView | null;
  /** The room is on a problem: verdicts and history have a tab. */
  onProblem: boolean;
  /** This person may type into a running program (absent: they may not). */
  onInput?: (data: string, eof: boolean) => boolean;
}

/**
 * The room's shared results: the Output console, and in rooms on a problem the
 * Verdicts of the current submission and the room's submission history. Shows the
 * tab of whatever started last (a run or a submission), for everyone in the room.
 */
export function ResultsPanel({ roomId, run, submission, onProblem, onInput }: ResultsPanelProps) {
  const tabs: Tab[] = onProblem || submission ? ['output', 'verdicts', 'submissions'] : ['output'];
  const job = latestJob(run, submission);
  const [tab, setTab] = useState<Tab>(job?.kind === 'submission' ? 'verdicts' : 'output');
  const jobKey = job ? `${job.kind}:${job.id}` : null;
  useEffect(() => {
    if (job) setTab(job.kind === 'submission' && tabs.includes('verdicts') ? 'verdicts' : 'output');
  }, [jobKey]);

  const shown = tabs.includes(tab) ? tab : 'output';
  // Loaded when first shown, then kept (the history is not fetched again at each visit of its tab).
  const opened = useRef(false);
  opened.current ||= shown !== 'output';
  const parts = useResultTabs(opened.current);
  const loaded = parts instanceof Error ? null : parts;
  // A pointer or the focus on the tabs: their code is fetched before the click.
  const prefetch = () => loadResultTabs().catch(() => undefined);
  const focusTab = (next: Tab) => {
    setTab(next);
    document.getElementById(`results-tab-${next}`)?.focus();
  };

  return (
    <section
      class="console"
      data-testid="results"
      {...(tabs.length > 1 ? { 'aria-label': 'Results' } : { 'aria-labelledby': 'console-title' })}
    >
      {tabs.length > 1 && (
        <div class="pane-header console-header tabbed">
          <div class="results-tabs" role="tablist" aria-label="Results" onPointerEnter={prefetch}>
            {tabs.map((t, i) => (
              <button
                key={t}
                id={`results-tab-${t}`}
                type="button"
                role="tab"
                class="tab"
                data-testid={`${t}-tab`}
                aria-selected={shown === t ? 'true' : 'false'}
                aria-controls={`results-panel-${t}`}
                tabIndex={shown === t ? 0 : -1}
                onClick={() => setTab(t)}
                onFocus={prefetch}
                onKeyDown={(e) => {
                  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (step === 0) return;
                  e.preventDefault();
                  const next = tabs[(i + step + tabs.length) % tabs.length];
                  if (next) focusTab(next);
                }}
              >
                {TAB_LABELS[t]}
                {t === 'verdicts' && isSubmissionActive(submission) && (
                  <span class="tab-dot tab-dot-live">
                    <span class="sr-only">(judging)</span>
                  </span>
                )}
              </button>
            ))}
          </div>
        </div>
      )}
      {tabs.map((t) => (
        <div
          key={t}
          id={`results-panel-${t}`}
          class="results-panel"
          {...(tabs.length > 1 ? { role: 'tabpanel', 'aria-labelledby': `results-tab-${t}` } : {})}
          hidden={shown !== t}
        >
          {t === 'output' && <OutputConsole run={run} titled={tabs.length === 1} shown={shown === 'output'} />}
          {t === 'output' && onInput && <RunInput run={run} onSend={onInput} />}
          {t !== 'output' && !loaded && (
            <div class="console-body">
              <PartPending parts={parts instanceof Error ? parts : null} />
            </div>
          )}
          {t === 'verdicts' && loaded && <loaded.VerdictsPanel submission={submission} />}
          {t === 'submissions' && loaded && <loaded.RoomSubmissions roomId={roomId} live={submission} />}
        </div>
      ))}
    </section>
  );
}
