import { useEffect, useState } from 'preact/hooks';
import { pageWsOrigin } from '../lib/wsOrigin.ts';
import { CollabEditor } from './CollabEditor.tsx';
import { NotesConnection, type NotesStatus } from './NotesConnection.ts';
import { ScorecardForm } from './ScorecardForm.tsx';
import { StorageBanner } from './StorageBanner.tsx';

const nothing = () => {};

/** The hosts' private notes (Markdown, written together) and the scorecard, beside the editor. */
export function NotesPanel({ roomId }: { roomId: string }) {
  const [status, setStatus] = useState<NotesStatus>({ kind: 'connecting' });
  const [notes, setNotes] = useState<NotesConnection | null>(null);
  const [waitingSince, setWaitingSince] = useState<number | null>(null);

  useEffect(() => {
    const connection = new NotesConnection(roomId, pageWsOrigin(window.location), setStatus, setWaitingSince);
    setNotes(connection);
    return () => connection.destroy();
  }, [roomId]);

  return (
    <aside class="notes-panel" aria-labelledby="notes-title" data-testid="notes-panel">
      <header class="pane-header">
        <h2 id="notes-title" class="pane-title">
          Notes
        </h2>
        <span class="pill">Private to hosts</span>
        {status.kind === 'connecting' && <span class="pane-hint">Connecting…</span>}
      </header>
      {status.kind === 'closed' && (
        <p class="form-error" role="alert">
          {status.message}
        </p>
      )}
      {waitingSince !== null && <StorageBanner since={waitingSince} what="Notes" />}
      {notes && (
        <div class="editor-frame notes-editor">
          <CollabEditor
            testId="notes"
            variant="stdin"
            ytext={notes.text}
            awareness={notes.provider.awareness}
            undoManager={notes.undo}
            editable={status.kind !== 'closed'}
            onRun={nothing}
            onSubmit={nothing}
            labelledBy="notes-title"
            placeholderText="Markdown notes, shared with the room’s other hosts only"
          />
        </div>
      )}
      <ScorecardForm roomId={roomId} />
    </aside>
  );
}
