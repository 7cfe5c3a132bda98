import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface DialogButtonProps {
  /** The button's text. */
  label: string;
  buttonClass: string;
  /** Names the button `<name>-open` and the dialog `<name>-dialog` for tests. */
  testName: string;
  /** The id of the dialog's heading. */
  labelledBy: string;
  /** What the open dialog shows; mounted only while it is open, so it starts afresh each time. */
  children(close: () => void): ComponentChildren;
  /** The pointer or the focus came to the button: a click may follow (to fetch what the dialog needs). */
  onIntent?(): void;
}

/** A button that opens a native modal <dialog> (focus trapped, Esc closes it). */
export function DialogButton({ label, buttonClass, testName, labelledBy, children, onIntent }: DialogButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        class={buttonClass}
        data-testid={`${testName}-open`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        onPointerEnter={onIntent}
        onFocus={onIntent}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        class="dialog"
        aria-labelledby={labelledBy}
        data-testid={`${testName}-dialog`}
        onClose={() => setOpen(false)}
      >
        {open && children(() => setOpen(false))}
      </dialog>
    </>
  );
}
