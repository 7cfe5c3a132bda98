import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type NotesPanelType = ComponentType<{ roomId: string }>;
// The panel brings its own editor and socket: loaded the first time a host opens it.
let notesPanelModule: Promise<NotesPanelType> | undefined;

/**
 * Beside the room: downloads of the code and of the session for everyone in it, and for
 * its hosts the private notes and scorecard.
 */
export function RoomExtras({ roomId, host }: { roomId: string; host: boolean }) {
  const [notesOpen, setNotesOpen] = useState(false);
  const [NotesPanel, setNotesPanel] = useState<NotesPanelType | null>(null);
  useEffect(() => {
    if (!notesOpen || NotesPanel) return;
    notesPanelModule ??= import('./NotesPanel.tsx').then((m) => m.NotesPanel);
    notesPanelModule.then(
      (component) => setNotesPanel(() => component),
      (err: Error) => console.error('The notes panel could not be loaded', err),
    );
  }, [notesOpen, NotesPanel]);
  const base = `/api/rooms/${encodeURIComponent(roomId)}`;
  return (
    <>
      <div class="room-extras toolbar" data-testid="room-extras">
        <a class="button" href={`${base}/code`} download data-testid="download-code">
          Download code
        </a>
        <a class="button" href={`${base}/export`} download data-testid="export-session">
          Export
        </a>
        {host && (
          <button
            type="button"
            class="button"
            aria-expanded={notesOpen}
            data-testid="notes-toggle"
            onClick={() => setNotesOpen(!notesOpen)}
          >
            {notesOpen ? 'Hide notes' : 'Notes'}
          </button>
        )}
      </div>
      {host && notesOpen && NotesPanel && <NotesPanel roomId={roomId} />}
    </>
  );
}
