import { CHAT_MAX_CHARS, type ChatMessage } from '@codestream/shared';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { unreadCount } from '../lib/chatLog.ts';
import { formatClockTime } from '../lib/format.ts';

interface ChatPanelProps {
  messages: readonly ChatMessage[];
  /** The history arrived: messages before it are not unread. */
  loaded: boolean;
  selfId: string | null;
  /** False while offline or when the room does not take messages. */
  canSend: boolean;
  /** Sends the text; false when it could not be sent (offline). */
  onSend(text: string): boolean;
}

/** How close to the bottom (px) the list counts as scrolled down: new messages are seen. */
const AT_BOTTOM_PX = 24;

/**
 * The room's chat, collapsible. Its toggle counts messages of others that arrived while
 * it was collapsed or scrolled up. Text is shown as text (Preact escapes it), never HTML.
 */
export function ChatPanel({ messages, loaded, selfId, canSend, onSend }: ChatPanelProps) {
  const [open, setOpen] = useState(true);
  const [atBottom, setAtBottom] = useState(true);
  const [seenId, setSeenId] = useState<string | null | undefined>(undefined);
  const [draft, setDraft] = useState('');
  /** The text sent last: it leaves the input once the server sent it back (stored), not before. */
  const [sent, setSent] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const lastId = messages.at(-1)?.id ?? null;
  const visible = open && atBottom;

  // The history counts as seen; later messages when the list shows its end.
  useEffect(() => {
    if (loaded && (seenId === undefined || visible)) setSeenId(lastId);
  }, [loaded, lastId, visible]);

  // Acknowledged: the message is stored and sent to everyone. A refused one stays in the input.
  useEffect(() => {
    const last = messages.at(-1);
    if (sent === null || !last || last.author.id !== selfId || last.text !== sent) return;
    setSent(null);
    setDraft((current) => (current.trim() === sent ? '' : current));
  }, [lastId]);

  // Stays at the end as messages come, unless this person scrolled up to read (with no
  // message yet there is no end to reach, nor a layout of the page to force for it).
  useLayoutEffect(() => {
    const element = list.current;
    if (element && atBottom && lastId !== null) element.scrollTop = element.scrollHeight;
  }, [lastId, open]);

  const unread = unreadCount(messages, seenId, selfId);
  const send = () => {
    const text = draft.trim();
    if (!text || text.length > CHAT_MAX_CHARS) return;
    if (onSend(text)) setSent(text);
  };

  return (
    <section class={`pane chat-pane${open ? '' : ' collapsed'}`} data-testid="chat" aria-labelledby="chat-toggle">
      <header class="pane-header">
        <button
          id="chat-toggle"
          type="button"
          class="pane-title chat-toggle"
          data-testid="chat-toggle"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls="chat-body"
          onClick={() => {
            setOpen(!open);
            setAtBottom(true);
          }}
        >
          Chat
          {unread > 0 && (
            <span class="chat-unread" data-testid="chat-unread">
              {unread}
              <span class="sr-only"> unread</span>
            </span>
          )}
        </button>
      </header>
      {open && (
        <div id="chat-body" class="chat-body">
          <ol
            class="chat-messages"
            data-testid="chat-messages"
            ref={list}
            // A list (role="log" would hide its items' list semantics), announced as it grows.
            aria-live="polite"
            aria-label="Chat messages"
            onScroll={(e) => {
              const el = e.currentTarget;
              setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight <= AT_BOTTOM_PX);
            }}
          >
            {messages.length === 0 && <li class="muted chat-empty">No messages yet.</li>}
            {messages.map((m) => (
              <li key={m.id} class="chat-message" data-testid="chat-message">
                <span class="chat-author" style={{ '--author': m.author.color }}>
                  {m.author.name}
                  {m.author.id === selfId ? ' (you)' : ''}
                </span>{' '}
                <time class="chat-time" dateTime={new Date(m.at).toISOString()}>
                  {formatClockTime(m.at)}
                </time>
                <p class="chat-text">{m.text}</p>
              </li>
            ))}
          </ol>
          <textarea
            class="chat-input"
            data-testid="chat-input"
            aria-label="Chat message (Enter sends, Shift+Enter for a new line)"
            placeholder={canSend ? 'Message the room — Enter sends' : 'The chat is closed'}
            rows={2}
            maxLength={CHAT_MAX_CHARS}
            disabled={!canSend}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                send();
              }
            }}
          />
        </div>
      )}
    </section>
  );
}
