import { useState } from 'preact/hooks';
import { deleteRoom, listRooms, type RoomListFilter, type RoomListItem, setRoomArchived } from '../api/roomApi.ts';
import { useConfirm } from '../hooks/useConfirm.tsx';
import { useDebouncedValue } from '../hooks/useDebouncedValue.ts';
import { useResource } from '../hooks/useResource.ts';
import { formatShortDateTime, plural } from '../lib/format.ts';
import { errorMessage } from '../lib/http.ts';
import { problemPath, roomPath } from '../lib/route.ts';
import { VerdictBadge } from './VerdictBadge.tsx';

const FILTER_LABELS: Record<RoomListFilter, string> = {
  active: 'All rooms',
  mine: 'My rooms',
  shared: 'Shared with me',
  archived: 'Archived',
};

/**
 * The rooms this person owns or joined (admins: every room), most recently active first:
 * searched by title or problem, filtered, and archived or deleted by their owner.
 */
export function RoomList({ userId, isAdmin }: { userId: string; isAdmin: boolean }) {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<RoomListFilter>('active');
  const q = useDebouncedValue(query.trim(), 250);
  const rooms = useResource((signal) => listRooms({ q, filter }, signal), [userId, q, filter]);
  const { dialog, ask } = useConfirm();
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  async function act(task: () => Promise<void>, done: string) {
    setActionError(null);
    try {
      await task();
      setNotice(done);
      rooms.reload();
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }

  async function onDelete(room: RoomListItem) {
    const confirmed = await ask({
      title: `Delete “${roomName(room)}”?`,
      body: 'The room, its code and its history are deleted for good, and everyone in it is disconnected. Submissions made in it stay in people’s history.',
      confirmLabel: 'Delete room',
      danger: true,
    });
    if (confirmed) await act(() => deleteRoom(room.id), `Deleted “${roomName(room)}”.`);
  }

  const items = rooms.data?.items;
  return (
    <section class="panel" aria-labelledby="rooms-title" aria-busy={rooms.status === 'loading' ? 'true' : undefined}>
      <h2 id="rooms-title" class="panel-title">
        Rooms
      </h2>
      <form class="filters" aria-label="Search rooms" onSubmit={(event) => event.preventDefault()}>
        <label class="field">
          <span class="field-label">Search rooms</span>
          <input
            type="search"
            data-testid="room-search"
            placeholder="Title or problem"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field-label">Show</span>
          <select
            data-testid="room-filter"
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value as RoomListFilter)}
          >
            {(Object.keys(FILTER_LABELS) as RoomListFilter[]).map((key) => (
              <option key={key} value={key}>
                {FILTER_LABELS[key]}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p class="sr-only" aria-live="polite" data-testid="room-list-notice">
        {notice}
      </p>
      {actionError && (
        <p class="form-error" role="alert" data-testid="room-action-error">
          {actionError}
        </p>
      )}
      {rooms.status === 'error' && (
        <p class="form-error" role="alert">
          Your rooms could not be loaded: {rooms.error}{' '}
          <button type="button" class="button small" onClick={rooms.reload}>
            Retry
          </button>
        </p>
      )}
      {items?.length === 0 && (
        <p class="muted" data-testid="rooms-empty">
          {q || filter !== 'active' ? 'No rooms match.' : 'No rooms yet.'}
        </p>
      )}
      {items && items.length > 0 && (
        <table class="table" data-testid="room-list">
          <thead>
            <tr>
              <th scope="col">Room</th>
              <th scope="col">Problem</th>
              <th scope="col">Online</th>
              <th scope="col">Last activity</th>
              <th scope="col">Last verdict</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((room) => (
              <tr key={room.id} data-testid="room-row" data-room-id={room.id}>
                <td>
                  <a href={roomPath(room.id)} data-testid="room-link">
                    {roomName(room)}
                  </a>
                  {room.ended && <span class="pill"> Ended</span>}
                  {room.archived && <span class="pill"> Archived</span>}
                  {!room.owned && <span class="pill"> Shared</span>}
                </td>
                <td>{room.problem ? <a href={problemPath(room.problem.slug)}>{room.problem.title}</a> : '—'}</td>
                <td data-testid="room-online">
                  {room.online > 0 ? plural(room.online, 'person', 'people') : <span class="muted">—</span>}
                </td>
                <td>{formatShortDateTime(room.lastActivityAt)}</td>
                <td data-testid="room-verdict">
                  {room.lastVerdict === null ? (
                    <span class="muted">—</span>
                  ) : room.lastVerdict.verdict === null ? (
                    'Judging…'
                  ) : (
                    <VerdictBadge verdict={room.lastVerdict.verdict} stopped={room.lastVerdict.stopped} />
                  )}
                </td>
                <td class="row-actions">
                  {room.owned && (
                    <button
                      type="button"
                      class="button small"
                      data-testid={room.archived ? 'room-restore' : 'room-archive'}
                      aria-label={`${room.archived ? 'Restore' : 'Archive'} ${roomName(room)}`}
                      onClick={() =>
                        act(
                          () => setRoomArchived(room.id, !room.archived),
                          `${room.archived ? 'Restored' : 'Archived'} “${roomName(room)}”.`,
                        )
                      }
                    >
                      {room.archived ? 'Restore' : 'Archive'}
                    </button>
                  )}
                  {(room.owned || isAdmin) && (
                    <button
                      type="button"
                      class="button small danger"
                      data-testid="room-delete"
                      aria-label={`Delete ${roomName(room)}`}
                      onClick={() => onDelete(room)}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog}
    </section>
  );
}

function roomName(room: RoomListItem): string {
  return room.title || `Room ${room.id.slice(0, 8)}…`;
}
