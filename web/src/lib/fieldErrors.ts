import type { FieldIssue } from './http.ts';

/**
 * Splits a failed request's per-field issues into those a form shows beside its fields
 * (the first message per path) and the rest, which it lists under its error message so
 * that nothing the server said is lost.
 */
export function splitFieldIssues(
  issues: readonly FieldIssue[],
  shownPaths: readonly string[],
): { byField: Record<string, string>; other: FieldIssue[] } {
  const shown = new Set(shownPaths);
  const byField: Record<string, string> = {};
  const other: FieldIssue[] = [];
  for (const issue of issues) {
    if (shown.has(issue.path)) byField[issue.path] ??= issue.message;
    else other.push(issue);
  }
  return { byField, other };
}

/** "path: message", or just the message for an issue about the whole request. */
export function describeIssue(issue: FieldIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
