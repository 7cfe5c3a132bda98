import { useEffect, useRef } from 'preact/hooks';
import { NamePrompt } from './NamePrompt.tsx';

/** Modal to change one's name inside a room (native <dialog>: focus trap and Esc for free). */
export function NameDialog({ name, onSave, onClose }: { name: string; onSave(name: string): void; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="name-dialog-title" onClose={onClose} data-testid="name-dialog">
      <h2 id="name-dialog-title">Change your name</h2>
      <NamePrompt
        initialName={name}
        submitLabel="Save"
        onSubmit={(next) => {
          onSave(next);
          onClose();
        }}
        onCancel={onClose}
      />
    </dialog>
  );
}
