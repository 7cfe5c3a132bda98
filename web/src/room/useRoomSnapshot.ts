import { useEffect, useState } from 'preact/hooks';
import type { RoomConnection, RoomSnapshot } from './RoomConnection.ts';

/** The connection's current snapshot, re-rendering on every change. */
export function useRoomSnapshot(connection: RoomConnection): RoomSnapshot {
  const [snapshot, setSnapshot] = useState(() => connection.getSnapshot());
  useEffect(() => {
    // Catch up with changes between render and subscription.
    setSnapshot(connection.getSnapshot());
    return connection.subscribe(setSnapshot);
  }, [connection]);
  return snapshot;
}
