import { personNameSchema } from '@codestream/shared';

/** The part of `Storage` this module needs (tests pass a Map-backed fake). */
export type NameStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const NAME_STORAGE_KEY = 'codestream.displayName';

/** The remembered display name, or null when none (or an invalid one) is stored. */
export function loadDisplayName(storage: NameStorage | undefined): string | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(NAME_STORAGE_KEY) ?? null;
  } catch {
    // Storage can throw (disabled cookies, sandboxed iframes): behave as a first visit.
    return null;
  }
  if (raw === null) return null;
  const parsed = personNameSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Validates `name` (trimmed, 1–40 characters) and remembers it. Returns the name or an error. */
export function saveDisplayName(
  storage: NameStorage | undefined,
  name: string,
): { ok: true; name: string } | { ok: false; error: string } {
  const parsed = personNameSchema.safeParse(name);
  if (!parsed.success) {
    return { ok: false, error: name.trim() === '' ? 'Enter a name.' : 'Use at most 40 characters.' };
  }
  try {
    storage?.setItem(NAME_STORAGE_KEY, parsed.data);
  } catch {
    // Not remembered across visits, but the name still works for this page.
  }
  return { ok: true, name: parsed.data };
}
