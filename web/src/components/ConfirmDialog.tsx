import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  /** Red confirm button for what cannot be undone. */
  danger?: boolean;
}

/**
 * Asks before doing something that cannot be undone. A native modal <dialog>: focus is
 * trapped, Esc cancels, and Cancel has focus first so Enter does not confirm by accident.
 */
export function ConfirmDialog({ request, onAnswer }: { request: ConfirmRequest; onAnswer(confirmed: boolean): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const answered = useRef(false);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  const answer = (confirmed: boolean) => {
    if (answered.current) return;
    answered.current = true;
    onAnswer(confirmed);
  };

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      data-testid="confirm-dialog"
      onClose={() => answer(false)}
    >
      <h2 id="confirm-title">{request.title}</h2>
      <p id="confirm-body" class="muted">
        {request.body}
      </p>
      <div class="form-actions">
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice gets focus in a confirmation */}
        <button type="button" class="button" data-testid="confirm-cancel" autoFocus onClick={() => answer(false)}>
          Cancel
        </button>
        <button
          type="button"
          class={`button ${request.danger ? 'danger' : 'primary'}`}
          data-testid="confirm-ok"
          onClick={() => answer(true)}
        >
          {request.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
