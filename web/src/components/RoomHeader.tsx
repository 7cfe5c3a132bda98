import type { ConnectionState } from '../lib/connectionState.ts';
import { playbackPath } from '../lib/route.ts';
import type { Participant } from '../room/RoomConnection.ts';
import { AccountArea } from './AccountArea.tsx';
import { Brand } from './Brand.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { CopyLinkButton } from './CopyLinkButton.tsx';
import { InviteControl } from './InviteControl.tsx';
import { ParticipantList } from './ParticipantList.tsx';
import { ParticipantsControl } from './ParticipantsControl.tsx';

interface RoomHeaderProps {
  roomId: string;
  roomUrl: string;
  canManage: boolean;
  /** Guests get no "Copy link": the bare room link opens the room only for its participants. */
  signedIn: boolean;
  connection: ConnectionState;
  connectionDetail: string | null;
  participants: readonly Participant[];
}

export function RoomHeader({
  roomId,
  roomUrl,
  canManage,
  signedIn,
  connection,
  connectionDetail,
  participants,
}: RoomHeaderProps) {
  return (
    <header class="topbar room-topbar">
      <Brand />
      <div class="topbar-group">
        {canManage && <ParticipantsControl roomId={roomId} />}
        {canManage && <InviteControl roomId={roomId} />}
        {canManage && (
          <a class="button small" href={playbackPath(roomId)}>
            Playback
          </a>
        )}
        {signedIn && <CopyLinkButton url={roomUrl} />}
        <ConnectionBadge state={connection} detail={connectionDetail} />
      </div>
      <div class="topbar-group grow">
        <ParticipantList participants={participants} />
      </div>
      <AccountArea compact />
    </header>
  );
}
