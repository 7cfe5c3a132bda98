import { type PublicProblem, requestedRole } from '@codestream/shared';
import { useEffect } from 'preact/hooks';
import { getProblem } from '../api/problemApi.ts';
import { lookupRoom, type RoomLookup } from '../api/roomApi.ts';
import { lazyPage } from '../components/lazyPage.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useLocation } from '../hooks/useLocation.ts';
import { useResource } from '../hooks/useResource.ts';
import { takeEarlyRoomLookup } from '../lib/earlyRequests.ts';
import { requestedAs } from '../lib/earlyRoomSocket.ts';
import { roomPath } from '../lib/route.ts';
import { useLoaded } from '../lib/useLoaded.ts';
import { loadJoinRoom } from '../room/loadJoinRoom.ts';
import { loadRoomView } from '../room/loadRoomView.ts';
import { RoomExtras } from '../room/RoomExtras.tsx';
import { loadProblemParts } from '../room/useProblemParts.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

const JoinRoom = lazyPage(loadJoinRoom);

/**
 * `/r/:id[?invite=…]`: looks the room up (with the invitation, if any), offers to join
 * when the person is invited but not yet a participant, then connects. Nothing connects
 * before the server says this person may participate.
 */
export function RoomPage({ roomId }: { roomId: string }) {
  useDocumentTitle('Room');
  const { me, refresh } = useSession();
  const { search } = useLocation();
  const query = new URLSearchParams(search);
  const invite = query.get('invite');
  const as = requestedAs(query.get('as'));
  const roomView = useLoaded(loadRoomView, true, 'The editor');
  const RoomView = roomView instanceof Error ? null : roomView;
  const loadError = roomView instanceof Error ? roomView.message : null;
  const identity = me?.user?.id ?? (me?.guest ? `guest:${me.guest.name}` : null);

  // Asked once who this is is known, and again when that changes (signed in, joined as a guest) or after joining.
  const sessionKnown = me !== null;
  const lookupResource = useResource<RoomLookup | null>(
    (signal) =>
      sessionKnown
        ? (takeEarlyRoomLookup(roomId, invite) ?? lookupRoom(roomId, invite, undefined, signal))
        : Promise.resolve(null),
    [roomId, invite, identity, sessionKnown],
  );
  const lookup = lookupResource.data;

  const room = lookup?.kind === 'found' ? lookup.room : null;
  const participating = room !== null && room.access !== 'invited';
  // Only participants see the problem (an invitation alone does not show it).
  const problem = useRoomProblem(participating ? room.problemSlug : null, room?.problem ?? null, Boolean(me?.user));

  // Once in, the invitation has done its job: keep it out of the address bar (and screen shares).
  useEffect(() => {
    if (participating && invite) window.history.replaceState(null, '', roomPath(roomId));
  }, [participating, invite, roomId]);

  if (lookup?.kind === 'not-found') return <NotFoundPage what={invite ? 'invite' : 'room'} />;
  if (lookup?.kind === 'ended') {
    return (
      <PageFrame>
        <section class="centered-card" data-testid="interview-ended">
          <h1>This interview has ended</h1>
          <p class="muted">Thank you for taking part. The room is closed to guests now.</p>
        </section>
      </PageFrame>
    );
  }

  if (me === null || lookup === null || (participating && RoomView === null)) {
    return (
      <PageFrame>
        <section class="centered-card" aria-busy={loadError ? undefined : 'true'}>
          {loadError ? (
            <p class="form-error" role="alert">
              {loadError}
            </p>
          ) : (
            <p class="muted">Opening the room…</p>
          )}
        </section>
      </PageFrame>
    );
  }

  if (room && room.access === 'invited' && invite) {
    return (
      <JoinRoom
        room={room}
        invite={invite}
        me={me}
        onJoined={async () => {
          await refresh();
          lookupResource.reload();
        }}
      />
    );
  }

  const name = me.user?.name ?? me.guest?.name ?? null;
  if (lookup.kind === 'unknown' && name === null) {
    return (
      <PageFrame>
        <section class="centered-card">
          <h1>The room could not be opened</h1>
          <p class="form-error" role="alert">
            {lookup.message}
          </p>
          <button type="button" class="button primary" onClick={lookupResource.reload}>
            Try again
          </button>
        </section>
      </PageFrame>
    );
  }

  if (RoomView === null) return null;
  // `unknown` (server unreachable or failing) with a known identity: join anyway; the
  // socket retries and the badge tells what is going on.
  return (
    <>
      <RoomView
        roomId={roomId}
        name={name ?? 'Guest'}
        signedIn={Boolean(me.user)}
        canManage={room?.access === 'manage'}
        role={requestedRole(room?.role ?? 'editor', as)}
        as={as}
        initialLanguage={room?.language ?? null}
        problem={problem}
        problemSlug={room?.problemSlug ?? problem?.slug ?? null}
      />
      <RoomExtras roomId={roomId} host={room?.role === 'host'} />
    </>
  );
}

/**
 * The room's problem: from the room's own answer (the only way guests get it), else
 * asked of the problem bank for people signed in.
 */
function useRoomProblem(slug: string | null, fromRoom: PublicProblem | null, signedIn: boolean): PublicProblem | null {
  // Its panels' code downloads alongside the problem (a failure shows in the panels).
  useEffect(() => {
    if (slug) loadProblemParts().catch(() => undefined);
  }, [slug]);
  // The room works without its statement: when it cannot be loaded, the panel is simply not shown.
  const fetched = useResource<PublicProblem | null>(
    (signal) => (slug && !fromRoom && signedIn ? getProblem(slug, signal) : Promise.resolve(null)),
    [slug, fromRoom, signedIn],
  );
  return fromRoom ?? (fetched.status === 'ready' ? fetched.data : null);
}
