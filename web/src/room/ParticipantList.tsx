import type { Participant } from './RoomConnection.ts';

interface ParticipantListProps {
  participants: readonly Participant[];
  /** The person followed now (their id), if anyone. */
  following?: string | null;
  /** Clicking someone else follows their cursor. */
  onFollow?(participant: Participant): void;
}

export function ParticipantList({ participants, following, onFollow }: ParticipantListProps) {
  return (
    <ul class="participants" data-testid="participants" aria-label={`${participants.length} in this room`}>
      {participants.map((p) => {
        const content = (
          <>
            <span class="participant-dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
            <span class="participant-name">{p.name}</span>
            {p.self && <span class="participant-you"> (you)</span>}
            {p.role && p.role !== 'editor' && <span class="participant-role"> · {p.role}</span>}
          </>
        );
        return (
          <li key={p.id} class="participant" data-self={p.self ? 'true' : undefined} title={p.name}>
            {p.self || !onFollow ? (
              content
            ) : (
              <button
                type="button"
                class="participant-follow"
                data-testid="participant-follow"
                aria-pressed={following === p.id ? 'true' : 'false'}
                title={`Follow ${p.name}'s cursor`}
                onClick={() => onFollow(p)}
              >
                {content}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
