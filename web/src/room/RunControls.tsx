import type { JobControls } from '../lib/jobControls.ts';

interface RunControlsProps {
  controls: JobControls;
  runShortcut: string;
  submitShortcut: string;
  onRun(): void;
  onSubmit(): void;
  onStop(): void;
  /** Submit pressed in a room that has nothing to submit to: tell the person why. */
  onSubmitUnavailable(): void;
}

export function RunControls({
  controls,
  runShortcut,
  submitShortcut,
  onRun,
  onSubmit,
  onStop,
  onSubmitUnavailable,
}: RunControlsProps) {
  const { canRun, runBlockedReason, canSubmit, submitBlockedReason, submitUnavailable, canStop } = controls;
  return (
    <div class="run-controls">
      <button
        type="button"
        class="button run"
        data-testid="run"
        disabled={!canRun}
        title={canRun ? `Run (${runShortcut})` : `${runBlockedReason ?? 'Run'} — Run (${runShortcut})`}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        onClick={onRun}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M4 2.5v11l9-5.5z" />
        </svg>
        Run
      </button>
      <button
        type="button"
        class={`button submit${submitUnavailable ? ' unavailable' : ''}`}
        data-testid="submit"
        // Unavailable (no problem) stays focusable so its explanation can be reached;
        // a passing state (a run going on) disables it like Run.
        disabled={!canSubmit && !submitUnavailable}
        aria-disabled={submitUnavailable ? 'true' : undefined}
        aria-describedby={submitUnavailable ? 'submit-hint' : undefined}
        title={
          canSubmit
            ? `Submit: judge the code against every test of the problem (${submitShortcut})`
            : `${submitBlockedReason ?? 'Submit'} — Submit (${submitShortcut})`
        }
        aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
        onClick={submitUnavailable ? onSubmitUnavailable : onSubmit}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M6.4 11.6 2.8 8l-1.3 1.3 4.9 4.9 8.1-8.1-1.3-1.3z" />
        </svg>
        Submit
      </button>
      {submitUnavailable && (
        <span id="submit-hint" class="sr-only">
          {submitBlockedReason}
        </span>
      )}
      <button
        type="button"
        class="button stop"
        data-testid="stop"
        disabled={!canStop}
        title={controls.stopTitle}
        onClick={onStop}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="3.5" y="3.5" width="9" height="9" rx="1.5" />
        </svg>
        Stop
      </button>
      <span class="shortcut-hint-group" aria-hidden="true">
        <kbd class="shortcut-hint" title={`Run: ${runShortcut}`}>
          {runShortcut}
        </kbd>
        {!submitUnavailable && (
          <kbd class="shortcut-hint submit-hint" title={`Submit: ${submitShortcut}`}>
            {submitShortcut}
          </kbd>
        )}
      </span>
    </div>
  );
}
