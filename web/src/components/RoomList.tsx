import { findLanguage } from '@codestream/shared';
import { listRooms } from '../api/roomApi.ts';
import { useResource } from '../hooks/useResource.ts';
import { formatDateTime } from '../lib/format.ts';
import { problemPath, roomPath } from '../lib/route.ts';

/** The rooms this person owns or joined (admins: every room), newest first as the server sends them. */
export function RoomList({ userId }: { userId: string }) {
  const rooms = useResource(() => listRooms(), [userId]);

  return (
    <section class="panel" aria-labelledby="rooms-title" aria-busy={rooms.status === 'loading' ? 'true' : undefined}>
      <h2 id="rooms-title" class="panel-title">
        Rooms
      </h2>
      {rooms.status === 'error' && (
        <p class="form-error" role="alert">
          Your rooms could not be loaded: {rooms.error}{' '}
          <button type="button" class="button small" onClick={rooms.reload}>
            Retry
          </button>
        </p>
      )}
      {rooms.data?.length === 0 && (
        <p class="muted" data-testid="rooms-empty">
          No rooms yet.
        </p>
      )}
      {rooms.data && rooms.data.length > 0 && (
        <table class="table" data-testid="room-list">
          <thead>
            <tr>
              <th scope="col">Room</th>
              <th scope="col">Problem</th>
              <th scope="col">Language</th>
              <th scope="col">You are</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {rooms.data.map((room) => (
              <tr key={room.id} data-testid="room-row">
                <td>
                  {room.title ? (
                    <a href={roomPath(room.id)}>{room.title}</a>
                  ) : (
                    <a href={roomPath(room.id)} class="mono" aria-label={`Open room ${room.id}`}>
                      {room.id.slice(0, 8)}…
                    </a>
                  )}
                  {room.ended && <span class="pill"> Ended</span>}
                </td>
                <td>{room.problemSlug ? <a href={problemPath(room.problemSlug)}>{room.problemSlug}</a> : '—'}</td>
                <td>{findLanguage(room.language)?.label ?? room.language}</td>
                <td>{room.ownerId === userId ? 'Owner' : room.access === 'manage' ? 'Admin' : 'Member'}</td>
                <td>{formatDateTime(room.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
