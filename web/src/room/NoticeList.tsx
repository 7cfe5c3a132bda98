import type { Notice } from './RoomConnection.ts';

/** Messages for this person only (refused requests), each dismissible. */
export function NoticeList({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss(id: number): void }) {
  if (notices.length === 0) return null;
  return (
    <div class="notices">
      {notices.map((n) => (
        <div key={n.id} class="notice" role="alert" data-testid="notice">
          <span class="notice-text">{n.message}</span>
          <button
            type="button"
            class="icon-button"
            aria-label="Dismiss"
            data-testid="notice-dismiss"
            onClick={() => onDismiss(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
