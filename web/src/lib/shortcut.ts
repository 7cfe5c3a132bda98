/** The key fields of a KeyboardEvent this module reads. */
export type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Ctrl-Enter, or Cmd-Enter on a Mac: runs the program. */
export function isRunShortcut(e: KeyLike): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}

/** Ctrl-Shift-Enter, or Cmd-Shift-Enter on a Mac: submits the program to be judged. */
export function isSubmitShortcut(e: KeyLike): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && e.shiftKey;
}

/** Ctrl-S, or Cmd-S on a Mac: saves the form being edited (instead of the browser saving the page). */
export function isSaveShortcut(e: KeyLike): boolean {
  return e.key.toLowerCase() === 's' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}

export function isApplePlatform(nav: { platform?: string; userAgent?: string } | undefined): boolean {
  if (!nav) return false;
  return /Mac|iPhone|iPad|iPod/i.test(nav.platform || nav.userAgent || '');
}

/** The shortcut as shown in button titles. */
export function runShortcutLabel(apple: boolean): string {
  return apple ? '⌘ Enter' : 'Ctrl+Enter';
}

export function submitShortcutLabel(apple: boolean): string {
  return apple ? '⌘ ⇧ Enter' : 'Ctrl+Shift+Enter';
}
