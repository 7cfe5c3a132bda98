import type { PublicUser } from '@codestream/shared';
import { listRooms } from '../api/roomApi.ts';
import { PageFrame } from '../components/PageFrame.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { RoomDashboard } from '../dashboard/RoomDashboard.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useResource } from '../hooks/useResource.ts';

/** `/dashboard`: every room this person hosts, live. */
export function DashboardPage() {
  useDocumentTitle('Dashboard');
  return <RequireRole roles={['host']}>{(user) => <HostedRooms user={user} />}</RequireRole>;
}

function HostedRooms({ user }: { user: PublicUser }) {
  const rooms = useResource(
    async (signal) => {
      const { items } = await listRooms({}, signal);
      return items.filter((room) => room.access === 'manage' && !room.ended).map((room) => room.id);
    },
    [user.id],
  );
  return (
    <PageFrame wide>
      <header class="page-header">
        <div>
          <h1>Dashboard</h1>
          <p class="muted">The rooms you host, live: who is in, what they ran, where they are stuck.</p>
        </div>
      </header>
      {rooms.status === 'error' && (
        <p class="form-error" role="alert">
          {rooms.error}
        </p>
      )}
      {rooms.data ? (
        <RoomDashboard roomIds={rooms.data} />
      ) : (
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      )}
    </PageFrame>
  );
}
