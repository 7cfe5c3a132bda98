import { AccountArea } from '../components/AccountArea.tsx';
import { Brand } from '../components/Brand.tsx';
import type { ConnectionState } from '../lib/connectionState.ts';
import { playbackPath, roomPath } from '../lib/route.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { CopyLinkButton } from './CopyLinkButton.tsx';
import { ParticipantList } from './ParticipantList.tsx';
import type { Participant } from './RoomConnection.ts';
import { useHostControls } from './useHostControls.ts';

interface RoomHeaderProps {
  roomId: string;
  roomUrl: string;
  canManage: boolean;
  /** May watch the playback: hosts, and everyone when the hosts allow it. */
  playback: boolean;
  /** Guests get no "Copy link": the bare room link opens the room only for its participants. */
  signedIn: boolean;
  connection: ConnectionState;
  connectionDetail: string | null;
  participants: readonly Participant[];
  following: string | null;
  onFollow(participant: Participant): void;
}

export function RoomHeader({
  roomId,
  roomUrl,
  canManage,
  playback,
  signedIn,
  connection,
  connectionDetail,
  participants,
  following,
  onFollow,
}: RoomHeaderProps) {
  const host = useHostControls(canManage);
  return (
    <header class="topbar room-topbar">
      {/* A guest (an interview candidate) has nowhere else to go: the logo leads back to the room. */}
      <Brand href={signedIn ? '/' : roomPath(roomId)} label={signedIn ? undefined : 'CodeStream: back to the room'} />
      <div class="topbar-group">
        {host instanceof Error ? (
          <span class="form-error inline" role="alert">
            {host.message}
          </span>
        ) : (
          host && (
            <>
              <host.ParticipantsControl roomId={roomId} />
              <host.InviteControl roomId={roomId} />
            </>
          )
        )}
        {playback && (
          <a class="button small" href={playbackPath(roomId)} data-testid="playback-link">
            Playback
          </a>
        )}
        {signedIn && <CopyLinkButton url={roomUrl} />}
        <ConnectionBadge state={connection} detail={connectionDetail} />
      </div>
      <div class="topbar-group grow">
        <ParticipantList participants={participants} following={following} onFollow={onFollow} />
      </div>
      <AccountArea compact guestOnly={!signedIn} />
    </header>
  );
}
