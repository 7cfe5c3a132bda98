export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** The start of a text for a table cell: at most `maxLines` lines and `maxChars` characters. */
export function previewText(text: string, maxChars = 120, maxLines = 3): { text: string; cut: boolean } {
  const lines = text.split('\n');
  let preview = lines.slice(0, maxLines).join('\n');
  let cut = lines.length > maxLines && lines.slice(maxLines).some((l) => l !== '');
  if (preview.length > maxChars) {
    preview = preview.slice(0, maxChars);
    cut = true;
  }
  return { text: preview, cut };
}

/** A date and time in the reader's locale; the raw value when it cannot be read. */
export function formatDateTime(value: string | number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "1 hidden test", "3 hidden tests". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A time of day with seconds, for events of the current session ("14:03:27"). */
export function formatClockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * A date and time kept short for narrow lists: the time alone today, without the year
 * this year. `now` is for tests.
 */
export function formatShortDateTime(value: string | number, now: number = Date.now()): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const today = new Date(now);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === today.toDateString()) return time;
  const sameYear = date.getFullYear() === today.getFullYear();
  const day = date.toLocaleDateString(
    undefined,
    sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' },
  );
  return `${day}, ${time}`;
}
