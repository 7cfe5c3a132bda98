import { CloseCode, DEFAULT_LANGUAGE, findLanguage, type LanguageId } from '@codestream/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { roomPath } from '../lib/route.ts';
import { isRunActive } from '../lib/runState.ts';
import { isApplePlatform, isRunShortcut, runShortcutLabel } from '../lib/shortcut.ts';
import { pageWsOrigin, RoomConnection } from '../room/RoomConnection.ts';
import { useRoomSnapshot } from '../room/useRoomSnapshot.ts';
import { CollabEditor, type EditorMode } from './CollabEditor.tsx';
import { LanguagePicker } from './LanguagePicker.tsx';
import { NameDialog } from './NameDialog.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { NoticeList } from './NoticeList.tsx';
import { OutputConsole } from './OutputConsole.tsx';
import { RoomHeader } from './RoomHeader.tsx';
import { RunControls } from './RunControls.tsx';

export interface RoomViewProps {
  roomId: string;
  name: string;
  /** From GET /api/rooms/:id, shown until the shared doc says otherwise. */
  initialLanguage: LanguageId | null;
  onRename(name: string): void;
}

export function RoomView(props: RoomViewProps) {
  const [connection, setConnection] = useState<RoomConnection | null>(null);

  // One connection per room; renames go through setName below instead of reconnecting here.
  useEffect(() => {
    const conn = new RoomConnection({
      roomId: props.roomId,
      name: props.name,
      wsOrigin: pageWsOrigin(window.location),
    });
    setConnection(conn);
    return () => conn.close();
  }, [props.roomId]);

  useEffect(() => {
    connection?.setName(props.name);
  }, [connection, props.name]);

  useEffect(() => {
    document.title = 'Room — CodeStream';
  }, []);

  if (!connection) return null;
  return <ConnectedRoom {...props} connection={connection} />;
}

function ConnectedRoom({
  roomId,
  name,
  initialLanguage,
  onRename,
  connection,
}: RoomViewProps & { connection: RoomConnection }) {
  const snapshot = useRoomSnapshot(connection);
  const [editingName, setEditingName] = useState(false);
  const shortcut = useMemo(() => runShortcutLabel(isApplePlatform(navigator)), []);

  const language = snapshot.language ?? initialLanguage ?? DEFAULT_LANGUAGE;
  const mode: EditorMode = findLanguage(language)?.editorMode ?? 'python';
  const active = isRunActive(snapshot.run);
  const live = snapshot.connection === 'live';
  const canRun = live && !active && !snapshot.runPending;
  const canStop = live && active;
  const runBlockedReason = !live
    ? 'Not connected'
    : active
      ? 'A run is in progress'
      : snapshot.runPending
        ? 'Starting the run'
        : null;
  // Until the first sync the doc is empty; edits then would be merged into the template.
  const editable = snapshot.everSynced;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Editors handle the shortcut themselves and mark the event handled.
      if (event.defaultPrevented || event.repeat || !isRunShortcut(event)) return;
      event.preventDefault();
      connection.run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [connection]);

  if (snapshot.fatal?.code === CloseCode.RoomNotFound) return <NotFoundPage what="room" />;

  const roomUrl = `${window.location.origin}${roomPath(roomId)}`;
  const run = () => connection.run();

  return (
    <div class="page room">
      <RoomHeader
        roomUrl={roomUrl}
        connection={snapshot.connection}
        connectionDetail={snapshot.closeMessage}
        participants={snapshot.participants}
        name={name}
        onEditName={() => setEditingName(true)}
      />
      {snapshot.fatal && (
        <div class="banner banner-error" role="alert" data-testid="fatal">
          <span>{snapshot.fatal.message}</span>
          <button type="button" class="button small" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      )}
      {!snapshot.fatal && snapshot.connection !== 'live' && snapshot.closeMessage && (
        <div class="banner banner-warn" role="status" data-testid="connection-detail">
          {snapshot.closeMessage}
        </div>
      )}
      <NoticeList notices={snapshot.notices} onDismiss={(id) => connection.dismissNotice(id)} />
      <main class="workspace">
        <section class="pane editor-pane" aria-label="Code editor">
          <div class="pane-header toolbar">
            <LanguagePicker
              value={language}
              disabled={!snapshot.everSynced || snapshot.fatal !== null}
              onChange={(id) => connection.setLanguage(id)}
            />
            <RunControls
              canRun={canRun}
              canStop={canStop}
              runBlockedReason={runBlockedReason}
              shortcut={shortcut}
              onRun={run}
              onStop={() => connection.stop()}
            />
          </div>
          <div class="editor-frame" aria-busy={editable ? undefined : 'true'}>
            <CollabEditor
              testId="editor"
              variant="code"
              ytext={connection.code}
              awareness={connection.awareness}
              undoManager={connection.codeUndo}
              mode={mode}
              editable={editable}
              onRun={run}
              label="Code"
            />
            {!editable && !snapshot.fatal && <div class="editor-overlay">Loading the room…</div>}
          </div>
        </section>
        <div class="side">
          <section class="pane stdin-pane" aria-labelledby="stdin-title">
            <header class="pane-header">
              <h2 id="stdin-title" class="pane-title">
                Input (stdin)
              </h2>
              <span class="pane-hint">Shared; given to the program on Run</span>
            </header>
            <div class="editor-frame">
              <CollabEditor
                testId="stdin"
                variant="stdin"
                ytext={connection.stdin}
                awareness={connection.awareness}
                undoManager={connection.stdinUndo}
                editable={editable}
                onRun={run}
                labelledBy="stdin-title"
                placeholderText="Type input for the program here"
              />
            </div>
          </section>
          <OutputConsole run={snapshot.run} />
        </div>
      </main>
      {editingName && <NameDialog name={name} onSave={onRename} onClose={() => setEditingName(false)} />}
    </div>
  );
}
