import { findLanguage } from '@codestream/shared';

/**
 * The code a room should hold after switching from `from` to `to`: the new language's
 * template when nobody has touched the old one yet (a fresh room), otherwise null —
 * people's code is never replaced.
 */
export function codeAfterLanguageSwitch(code: string, from: string | undefined, to: string): string | null {
  if (from === to) return null;
  const next = findLanguage(to);
  if (!next) return null;
  const previous = from === undefined ? undefined : findLanguage(from);
  const untouched = code.trim() === '' || (previous !== undefined && code === previous.template);
  return untouched ? next.template : null;
}
