import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formatShortDateTime, plural, previewText } from './format.ts';

describe('formatBytes', () => {
  it('picks a unit', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MiB');
  });
});

describe('previewText', () => {
  it('keeps short texts whole', () => {
    expect(previewText('1 2\n3\n')).toEqual({ text: '1 2\n3\n', cut: false });
  });

  it('cuts long texts by lines and by characters', () => {
    expect(previewText('a\nb\nc\nd\n')).toEqual({ text: 'a\nb\nc', cut: true });
    expect(previewText('x'.repeat(200), 10)).toEqual({ text: 'x'.repeat(10), cut: true });
  });
});

describe('formatDateTime and plural', () => {
  it('format', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime('2024-01-01T00:00:00.000Z')).toMatch(/2024|24/);
    expect(plural(1, 'hidden test')).toBe('1 hidden test');
    expect(plural(2, 'hidden test')).toBe('2 hidden tests');
  });
});

describe('formatShortDateTime', () => {
  const now = new Date(2025, 5, 15, 18, 0).getTime();
  const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

  it('drops what the reader knows: the date today, the year this year', () => {
    const today = new Date(2025, 5, 15, 9, 5);
    expect(formatShortDateTime(today.getTime(), now)).toBe(time(today));
    const earlier = new Date(2025, 0, 3, 9, 5);
    expect(formatShortDateTime(earlier.toISOString(), now)).toContain(time(earlier));
    expect(formatShortDateTime(earlier.toISOString(), now)).not.toContain('2025');
    expect(formatShortDateTime(new Date(2023, 0, 3).getTime(), now)).toContain('2023');
    expect(formatShortDateTime('not a date', now)).toBe('not a date');
  });
});
