interface RunControlsProps {
  canRun: boolean;
  canStop: boolean;
  /** Why Run is disabled, for its tooltip. */
  runBlockedReason: string | null;
  shortcut: string;
  onRun(): void;
  onStop(): void;
}

export function RunControls({ canRun, canStop, runBlockedReason, shortcut, onRun, onStop }: RunControlsProps) {
  return (
    <div class="run-controls">
      <button
        type="button"
        class="button run"
        data-testid="run"
        disabled={!canRun}
        title={canRun ? `Run (${shortcut})` : `${runBlockedReason ?? 'Run'} — Run (${shortcut})`}
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
        class="button stop"
        data-testid="stop"
        disabled={!canStop}
        title="Stop the running program"
        onClick={onStop}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="3.5" y="3.5" width="9" height="9" rx="1.5" />
        </svg>
        Stop
      </button>
      <kbd class="shortcut-hint">{shortcut}</kbd>
    </div>
  );
}
