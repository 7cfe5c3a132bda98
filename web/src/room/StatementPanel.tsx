import type { PublicProblem } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { pageStorage } from '../lib/navigation.ts';
import { problemPath } from '../lib/route.ts';
import { PartPending } from './PartPending.tsx';
import { useProblemParts } from './useProblemParts.tsx';

const OPEN_KEY = 'codestream.statementOpen';

/** Whether the statement panel is open, remembered across rooms (open by default). */
export function useStatementOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => {
    try {
      return pageStorage()?.getItem(OPEN_KEY) !== 'false';
    } catch {
      // Storage can throw (disabled cookies): open, the default.
      return true;
    }
  });
  const set = (next: boolean) => {
    setOpen(next);
    try {
      pageStorage()?.setItem(OPEN_KEY, String(next));
    } catch {
      // Not remembered; the panel still toggles.
    }
  };
  return [open, set];
}

/** The room's problem beside the editor; collapses to a narrow rail to give the code room. */
export function StatementPanel({
  problem,
  open,
  onToggle,
  linkToProblem,
}: {
  problem: PublicProblem;
  open: boolean;
  onToggle(): void;
  /** Guests cannot open the problem bank: the title stays plain text for them. */
  linkToProblem: boolean;
}) {
  const parts = useProblemParts(true);
  return (
    <section
      class={`pane statement-pane${open ? '' : ' collapsed'}`}
      aria-labelledby="statement-title"
      data-testid="statement-panel"
      data-open={open ? 'true' : 'false'}
    >
      <header class="pane-header">
        <button
          type="button"
          class="icon-button statement-toggle"
          data-testid="statement-toggle"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls="statement-body"
          title={open ? 'Hide the problem statement' : 'Show the problem statement'}
          onClick={onToggle}
        >
          <span aria-hidden="true">{open ? '«' : '»'}</span>
          <span class="sr-only">{open ? 'Hide the problem statement' : 'Show the problem statement'}</span>
        </button>
        <h2 id="statement-title" class="pane-title statement-title">
          {open ? (
            linkToProblem ? (
              <a href={problemPath(problem.slug)} target="_blank" rel="noopener">
                {problem.title}
              </a>
            ) : (
              problem.title
            )
          ) : (
            'Problem'
          )}
        </h2>
      </header>
      <section
        id="statement-body"
        class="statement-scroll"
        hidden={!open}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus so keyboards can scroll a long statement
        tabIndex={0}
        aria-labelledby="statement-title"
        data-testid="statement-scroll"
      >
        {parts && !(parts instanceof Error) ? (
          <>
            <parts.ProblemFacts problem={problem} />
            <parts.ProblemStatement statementHtml={problem.statementHtml} samples={problem.samples} headingLevel={3} />
          </>
        ) : (
          <PartPending parts={parts} />
        )}
      </section>
    </section>
  );
}
