import type { Participant } from './RoomConnection.ts';

export function ParticipantList({ participants }: { participants: readonly Participant[] }) {
  return (
    <ul class="participants" data-testid="participants" aria-label={`${participants.length} in this room`}>
      {participants.map((p) => (
        <li key={p.id} class="participant" data-self={p.self ? 'true' : undefined} title={p.name}>
          <span class="participant-dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
          <span class="participant-name">{p.name}</span>
          {p.self && <span class="participant-you"> (you)</span>}
          {p.role && p.role !== 'editor' && <span class="participant-role"> · {p.role}</span>}
        </li>
      ))}
    </ul>
  );
}
