/**
 * A message for the next page, e.g. "Problem created" after the editor moves from
 * /admin/problems/new to the new problem's address. Read once.
 */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
