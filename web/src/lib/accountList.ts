/** Emails, ids or slugs typed one per line or separated by commas or spaces, without blanks or repeats. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((item) => item.length > 0))];
}
