import type { PublicUser } from '@codestream/shared';
import { CreateRoomForm } from '../components/CreateRoomForm.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { RoomList } from '../components/RoomList.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { canHostRooms } from '../lib/roles.ts';
import { loginPath, registerPath } from '../lib/route.ts';
import { useSession } from '../session/SessionContext.tsx';

/** `/`: the pitch for visitors; the rooms and "Create room" for people signed in. */
export function HomePage() {
  const { me } = useSession();
  useDocumentTitle(me?.user ? 'My rooms' : 'Live coding rooms');
  if (!me) {
    return (
      <PageFrame>
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      </PageFrame>
    );
  }
  return <PageFrame>{me.user ? <SignedInHome user={me.user} /> : <Pitch registration={me.registration} />}</PageFrame>;
}

function Pitch({ registration }: { registration: string }) {
  return (
    <section class="home-main">
      <h1 class="home-title">Code together. Run it together.</h1>
      <p class="home-pitch">
        Open a room, invite people, and edit one program together — then press Run and watch the output stream to all of
        you, live. Solve problems from a curated bank side by side.
      </p>
      <div class="cta-row">
        <a class="button primary large" href={loginPath()} data-testid="home-sign-in">
          Sign in
        </a>
        {registration === 'open' && (
          <a class="button large" href={registerPath()} data-testid="home-register">
            Create an account
          </a>
        )}
      </div>
      <ul class="home-points">
        <li>Shared editor with everyone’s cursor and name</li>
        <li>Runs in an isolated sandbox, no network</li>
        <li>Output streams to the whole room as it is printed</li>
        <li>Problem statements beside the editor</li>
      </ul>
    </section>
  );
}

function SignedInHome({ user }: { user: PublicUser }) {
  const host = canHostRooms(user.role);
  return (
    <div class="home-signed-in">
      <header class="page-header">
        <div>
          <h1>Your rooms</h1>
          <p class="muted">Rooms you opened or were invited to. Open one to code together.</p>
        </div>
      </header>
      {host ? (
        <section class="panel" aria-labelledby="create-title">
          <h2 id="create-title" class="panel-title">
            Create a room
          </h2>
          <p class="muted">
            Start with an empty program, or <a href="/problems">pick a problem</a> and open a room on it.
          </p>
          <CreateRoomForm />
        </section>
      ) : (
        <p class="panel muted" data-testid="host-only-note">
          Pick one of the <a href="/problems">problems</a> and press Solve to open your own room on it, then invite a
          friend. Interview and class rooms are opened by hosts: ask one for an invitation link.
        </p>
      )}
      <RoomList userId={user.id} isAdmin={user.role === 'admin'} />
    </div>
  );
}
