import { PREVIEW_LINE_CHARS, PREVIEW_LINES, type SubmissionView } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { NO_ACTIVITY } from './RoomActivity.ts';
import { preview, summarizeRoom } from './summarizeRoom.ts';

const numbered = (n: number) => `${Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n')}\n`;

describe('preview', () => {
  it('shows the lines around the last edit, with the first line number', () => {
    const code = numbered(100);
    const at = code.indexOf('line 50');
    const { firstLine, text } = preview(code, at);
    expect(firstLine).toBe(40);
    expect(text.split('\n')).toHaveLength(PREVIEW_LINES);
    expect(text.split('\n')[10]).toBe('line 50');
  });

  it('stays within the code at its start and end', () => {
    expect(preview(numbered(100), 0).firstLine).toBe(1);
    const end = preview(numbered(100), 10_000);
    expect(end.firstLine).toBe(81);
    expect(end.text.split('\n').at(-1)).toBe('line 100');
    expect(preview('a\nb', 1)).toEqual({ firstLine: 1, text: 'a\nb' });
  });

  it('cuts long lines', () => {
    expect(preview('x'.repeat(10_000), 5).text).toHaveLength(PREVIEW_LINE_CHARS);
  });
});

describe('summarizeRoom', () => {
  const base = {
    roomId: 'r',
    title: 'T',
    language: 'python' as const,
    createdAt: 1,
    code: 'a\nb\nc\n',
    activity: NO_ACTIVITY,
    run: null,
    submission: null,
  };

  it('lists each person once and counts lines', () => {
    const ann = { id: 'u:1', name: 'Ann', role: 'editor' as const };
    const summary = summarizeRoom({ ...base, online: [ann, ann, { id: 'u:2', name: 'Al', role: 'host' }] });
    expect(summary.online.map((p) => p.name)).toEqual(['Al', 'Ann']);
    expect(summary.lines).toBe(3);
  });

  it('keeps a submission to its verdict and counts, never a test’s output', () => {
    const submission: SubmissionView = {
      id: 's',
      submittedBy: 'Ann',
      language: 'python',
      problemSlug: 'p',
      requestedAt: 5,
      total: 2,
      events: [
        {
          type: 'test',
          index: 0,
          id: 't',
          kind: 'sample',
          verdict: 'accepted',
          cpuMs: 1,
          wallMs: 1,
          memoryKb: 1,
          output: 'SECRET',
        },
        { type: 'finished', verdict: 'wrong-answer', passed: 1, total: 2, totalMs: 3 },
      ],
    };
    const summary = summarizeRoom({ ...base, online: [], submission });
    expect(summary.lastSubmission).toEqual({ at: 5, submittedBy: 'Ann', verdict: 'wrong-answer', passed: 1, total: 2 });
    expect(JSON.stringify(summary)).not.toContain('SECRET');
  });
});
