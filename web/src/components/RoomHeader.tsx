import type { ConnectionState } from '../lib/connectionState.ts';
import type { Participant } from '../room/RoomConnection.ts';
import { Brand } from './Brand.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { CopyLinkButton } from './CopyLinkButton.tsx';
import { ParticipantList } from './ParticipantList.tsx';

interface RoomHeaderProps {
  roomUrl: string;
  connection: ConnectionState;
  connectionDetail: string | null;
  participants: readonly Participant[];
  name: string;
  onEditName(): void;
}

export function RoomHeader({ roomUrl, connection, connectionDetail, participants, name, onEditName }: RoomHeaderProps) {
  return (
    <header class="topbar room-topbar">
      <Brand />
      <div class="topbar-group">
        <CopyLinkButton url={roomUrl} />
        <ConnectionBadge state={connection} detail={connectionDetail} />
      </div>
      <div class="topbar-group grow">
        <ParticipantList participants={participants} />
      </div>
      <button
        type="button"
        class="button small ghost"
        data-testid="change-name"
        onClick={onEditName}
        title="Change the name others see"
      >
        <span class="muted">You:</span> {name}
        <svg class="edit-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M11.5 2.5l2 2L6 12l-3 1 1-3z" />
        </svg>
        <span class="sr-only">(change name)</span>
      </button>
    </header>
  );
}
