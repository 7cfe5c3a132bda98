/**
 * The server has the room's latest edits but could not store them yet (its database is
 * slow or away). They are kept and stored as soon as it can; closing the room meanwhile
 * loses nothing as long as the server keeps running.
 */
export function StorageBanner({ since, what = 'Edits' }: { since: number; what?: string }) {
  const time = new Date(since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <div class="banner banner-warn" role="status" data-testid="storage-waiting">
      {what} since {time} are not saved yet: the server keeps them and is still trying to store them.
    </div>
  );
}
