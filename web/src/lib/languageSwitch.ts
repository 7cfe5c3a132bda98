import { findLanguageInfo } from '@codestream/shared';

/** A problem's starter code per language id (languages without one use the catalog template). */
export type StarterCode = Readonly<Partial<Record<string, string>>>;

/** The code a room starts with in `language`: the problem's starter code, else the language's template. */
export function initialCode(language: string, starterCode: StarterCode = {}): string | undefined {
  return starterCode[language] ?? findLanguageInfo(language)?.template;
}

/**
 * The code a room should hold after switching from `from` to `to`: the new language's
 * starting code (the problem's starter code, else the template) when nobody has touched
 * the old one yet (a fresh room), otherwise null — people's code is never replaced.
 */
export function codeAfterLanguageSwitch(
  code: string,
  from: string | undefined,
  to: string,
  starterCode: StarterCode = {},
): string | null {
  if (from === to) return null;
  if (!findLanguageInfo(to)) return null;
  const untouchedStarts =
    from === undefined || !findLanguageInfo(from)
      ? []
      : [findLanguageInfo(from)?.template, starterCode[from]].filter((s): s is string => s !== undefined);
  const untouched = code.trim() === '' || untouchedStarts.includes(code);
  return untouched ? (initialCode(to, starterCode) ?? null) : null;
}
