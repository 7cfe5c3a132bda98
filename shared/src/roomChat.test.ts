import { describe, expect, it } from 'vitest';
import { CHAT_MAX_CHARS, checkChatText } from './roomChat.ts';

describe('checkChatText', () => {
  it('trims and accepts 1 to CHAT_MAX_CHARS characters', () => {
    expect(checkChatText('  hi there \n')).toEqual({ ok: true, text: 'hi there' });
    expect(checkChatText('x'.repeat(CHAT_MAX_CHARS))).toEqual({ ok: true, text: 'x'.repeat(CHAT_MAX_CHARS) });
  });

  it('refuses blank and too long text, saying why', () => {
    expect(checkChatText(' \n\t ')).toMatchObject({ ok: false, message: 'An empty chat message was not sent.' });
    const long = checkChatText('x'.repeat(CHAT_MAX_CHARS + 1));
    expect(long.ok).toBe(false);
    expect(!long.ok && long.message).toContain(`at most ${CHAT_MAX_CHARS}`);
  });
});
