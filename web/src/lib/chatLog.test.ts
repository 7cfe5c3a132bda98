import type { ChatMessage } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { appendChat, CHAT_KEPT, unreadCount } from './chatLog.ts';

const message = (id: string, author = 'u:other'): ChatMessage => ({
  id,
  author: { id: author, name: author, color: '#123456' },
  at: 0,
  text: id,
});

describe('appendChat', () => {
  it('adds a message once and keeps the latest CHAT_KEPT', () => {
    const one = appendChat([], message('a'));
    expect(appendChat(one, message('a'))).toBe(one);
    let list = one;
    for (let i = 0; i < CHAT_KEPT; i += 1) list = appendChat(list, message(`m${i}`));
    expect(list).toHaveLength(CHAT_KEPT);
    expect(list[0]?.id).toBe('m0');
  });
});

describe('unreadCount', () => {
  const list = [message('a'), message('b', 'u:me'), message('c'), message('d')];

  it('counts the messages of others after the last one seen', () => {
    expect(unreadCount(list, 'a', 'u:me')).toBe(2);
    expect(unreadCount(list, 'd', 'u:me')).toBe(0);
    expect(unreadCount(list, 'c', 'u:me')).toBe(1);
  });

  it('counts nothing before the history came, everything when there was none', () => {
    expect(unreadCount(list, undefined, 'u:me')).toBe(0);
    expect(unreadCount(list, null, 'u:me')).toBe(3);
  });

  it('counts every listed message when the one seen was dropped from the list', () => {
    expect(unreadCount(list, 'gone', 'u:me')).toBe(3);
  });
});
