import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { lookupRoom, type RoomLookup } from '../lib/api.ts';
import { loadDisplayName } from '../lib/displayName.ts';
import { pageStorage } from '../lib/navigation.ts';
import { Brand } from './Brand.tsx';
import { NamePrompt } from './NamePrompt.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import type { RoomViewProps } from './RoomView.tsx';

// The editor stack (CodeMirror, Yjs) is most of the bundle: load it only for rooms,
// starting while the room is looked up and the name asked for.
let roomViewModule: Promise<ComponentType<RoomViewProps>> | undefined;
function loadRoomView(): Promise<ComponentType<RoomViewProps>> {
  roomViewModule ??= import('./RoomView.tsx').then((m) => m.RoomView);
  return roomViewModule;
}

/**
 * `/r/:id`: checks the room exists, asks for a name on the first visit, then joins.
 * Nothing connects to the room before a name is set.
 */
export function RoomPage({ roomId }: { roomId: string }) {
  const [lookup, setLookup] = useState<RoomLookup | null>(null);
  const [name, setName] = useState<string | null>(() => loadDisplayName(pageStorage()));
  const [RoomView, setRoomView] = useState<ComponentType<RoomViewProps> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    loadRoomView().then(
      (component) => current && setRoomView(() => component),
      (err: Error) => current && setLoadError(`The editor could not be loaded (${err.message}). Reload the page.`),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    void lookupRoom(roomId).then((result) => {
      if (current) setLookup(result);
    });
    return () => {
      current = false;
    };
  }, [roomId]);

  if (lookup?.kind === 'not-found') return <NotFoundPage what="room" />;

  if (name === null) {
    return (
      <div class="page">
        <header class="topbar">
          <Brand />
        </header>
        <main class="centered-card">
          <h1>Join the room</h1>
          <p>Pick a name so the others know who is typing.</p>
          <NamePrompt submitLabel="Join room" onSubmit={setName} />
        </main>
      </div>
    );
  }

  if (lookup === null || RoomView === null) {
    return (
      <div class="page">
        <header class="topbar">
          <Brand />
        </header>
        <main class="centered-card" aria-busy={loadError ? undefined : 'true'}>
          {loadError ? (
            <p class="form-error" role="alert">
              {loadError}
            </p>
          ) : (
            <p class="muted">Opening the room…</p>
          )}
        </main>
      </div>
    );
  }

  // `unknown` (server unreachable or failing): join anyway; the socket retries and
  // the badge tells what is going on.
  return (
    <RoomView
      roomId={roomId}
      name={name}
      initialLanguage={lookup.kind === 'found' ? lookup.room.language : null}
      onRename={setName}
    />
  );
}
