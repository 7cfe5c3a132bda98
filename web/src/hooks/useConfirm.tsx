import type { JSX } from 'preact';
import { useCallback, useRef, useState } from 'preact/hooks';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog.tsx';

/** `ask(request)` shows a confirmation and resolves with the answer; render `dialog` somewhere. */
export function useConfirm(): { dialog: JSX.Element | null; ask(request: ConfirmRequest): Promise<boolean> } {
  const [pending, setPending] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<((confirmed: boolean) => void) | null>(null);

  const ask = useCallback((request: ConfirmRequest) => {
    resolver.current?.(false);
    setPending(request);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const dialog = pending ? (
    <ConfirmDialog
      request={pending}
      onAnswer={(confirmed) => {
        resolver.current?.(confirmed);
        resolver.current = null;
        setPending(null);
      }}
    />
  ) : null;
  return { dialog, ask };
}
