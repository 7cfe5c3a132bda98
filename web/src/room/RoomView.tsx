import {
  CloseCode,
  DEFAULT_LANGUAGE,
  type LanguageId,
  type PublicProblem,
  type RoomRole,
  sessionEndedAt,
} from '@codestream/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LanguagePicker } from '../components/LanguagePicker.tsx';
import { useServerNow } from '../hooks/useServerNow.ts';
import { claimingWebSocket, type EnteredAs } from '../lib/earlyRoomSocket.ts';
import { editorSyntaxForId } from '../lib/editorLanguage.ts';
import { roomAbilities } from '../lib/interviewClock.ts';
import { jobControls, NOT_ON_PROBLEM_HINT } from '../lib/jobControls.ts';
import { roomPath } from '../lib/route.ts';
import { isRunActive } from '../lib/runState.ts';
import {
  isApplePlatform,
  isRunShortcut,
  isSubmitShortcut,
  runShortcutLabel,
  submitShortcutLabel,
} from '../lib/shortcut.ts';
import { isSubmissionActive } from '../lib/submissionState.ts';
import { pageWsOrigin } from '../lib/wsOrigin.ts';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { ChatPanel } from './ChatPanel.tsx';
import { ClassBanner } from './ClassBanner.tsx';
import { CollabEditor } from './CollabEditor.tsx';
import { FatalBanner } from './FatalBanner.tsx';
import { NoticeList } from './NoticeList.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import type { RoomConnection } from './RoomConnection.ts';
import { RoomConnectionHolder } from './RoomConnectionHolder.ts';
import { RoomHeader } from './RoomHeader.tsx';
import { RunControls } from './RunControls.tsx';
import { SessionBar } from './SessionBar.tsx';
import { StatementPanel, useStatementOpen } from './StatementPanel.tsx';
import { StorageBanner } from './StorageBanner.tsx';
import { useFollowing } from './useFollowing.ts';
import { useRoomSnapshot } from './useRoomSnapshot.ts';

export interface RoomViewProps {
  roomId: string;
  /** This person's name as the others see it (account name or guest name). */
  name: string;
  signedIn: boolean;
  /** Owner or admin: may invite. */
  canManage: boolean;
  /** This person's role in the room (the server enforces it; a viewer's page only watches). */
  role: RoomRole;
  /** From GET /api/rooms/:id, shown until the room socket says otherwise. */
  initialLanguage: LanguageId | null;
  /** The problem the room was opened on, shown beside the editor. */
  problem: PublicProblem | null;
  /** The slug of the room's problem (known even when its statement could not be loaded): Submit judges against it. */
  problemSlug: string | null;
  /** Entered lower than one's role (`?as=viewer` to observe, `?as=editor` to help). */
  as?: EnteredAs;
}

export function RoomView(props: RoomViewProps) {
  const [connection, setConnection] = useState<RoomConnection | null>(null);

  // One connection per room, replaced by a fresh one if the server refuses an update of it.
  useEffect(() => {
    const holder = new RoomConnectionHolder({
      roomId: props.roomId,
      name: props.name,
      wsOrigin: pageWsOrigin(window.location),
      as: props.as ?? null,
      // The socket main.tsx opened for this room as the page started, if it is still good.
      WebSocketPolyfill: claimingWebSocket(),
    });
    setConnection(holder.current);
    holder.subscribe(setConnection);
    return () => holder.close();
  }, [props.roomId, props.as]);

  useEffect(() => {
    document.title = props.problem ? `${props.problem.title} — Room — CodeStream` : 'Room — CodeStream';
  }, [props.problem]);

  if (!connection) return null;
  return <ConnectedRoom {...props} connection={connection} />;
}

function ConnectedRoom({
  roomId,
  signedIn,
  canManage,
  role,
  initialLanguage,
  problem,
  problemSlug,
  connection,
}: RoomViewProps & { connection: RoomConnection }) {
  const snapshot = useRoomSnapshot(connection);
  const [runShortcut, submitShortcut] = useMemo(() => {
    const apple = isApplePlatform(navigator);
    return [runShortcutLabel(apple), submitShortcutLabel(apple)];
  }, []);
  const [statementOpen, setStatementOpen] = useStatementOpen();

  const language = snapshot.language ?? initialLanguage ?? DEFAULT_LANGUAGE;
  const onProblem = problemSlug !== null;
  const controls = jobControls({
    live: snapshot.connection === 'live',
    runActive: isRunActive(snapshot.run),
    submissionActive: isSubmissionActive(snapshot.submission),
    pending: snapshot.pending,
    onProblem,
  });
  // The socket's word (sent on every join, so a role a host changes shows) over the page's.
  const currentRole = snapshot.role ?? role;
  const { session, controls: hostControls } = snapshot;
  const { classInfo } = snapshot;
  const timed =
    (session !== null && session.timerStartedAt !== null && session.endedAt === null) ||
    classInfo?.timer?.startedAt != null;
  const now = useServerNow(snapshot.clockOffsetMs, timed);
  const abilities = roomAbilities(currentRole, hostControls, session, now);
  const watching = !abilities.edit;
  // Until the first sync the doc is empty; edits then would be merged into the template.
  const loaded = snapshot.everSynced;
  const editable = loaded && !watching;
  const [following, setFollowing] = useFollowing(snapshot.leader, snapshot.selfId);
  const leading = snapshot.leader !== null && snapshot.leader.id === snapshot.selfId;
  const live = snapshot.connection === 'live';
  const ended = session !== null && sessionEndedAt(session, now) !== null;

  const run = () => connection.run();
  // In a room without a problem, Submit explains itself instead of asking the server.
  const submit = () => (onProblem ? connection.submit() : connection.notify(NOT_ON_PROBLEM_HINT));
  const submitRef = useRef(submit);
  submitRef.current = submit;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Editors handle the shortcuts themselves and mark the event handled.
      if (event.defaultPrevented || event.repeat || !abilities.run) return;
      if (isRunShortcut(event)) {
        event.preventDefault();
        connection.run();
      } else if (isSubmitShortcut(event)) {
        event.preventDefault();
        submitRef.current();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [connection, abilities.run]);

  if (snapshot.fatal?.code === CloseCode.RoomNotFound) return <NotFoundPage what="room" />;

  const roomUrl = `${window.location.origin}${roomPath(roomId)}`;

  return (
    <div class="page room">
      <RoomHeader
        roomId={roomId}
        roomUrl={roomUrl}
        canManage={canManage}
        playback={currentRole === 'host' || hostControls?.playbackForAll === true}
        signedIn={signedIn}
        connection={snapshot.connection}
        connectionDetail={snapshot.closeMessage}
        participants={snapshot.participants}
        following={following?.id ?? null}
        onFollow={(p) => setFollowing(following?.id === p.id ? null : { id: p.id, name: p.name })}
      />
      {session && hostControls && (
        <SessionBar roomId={roomId} session={session} controls={hostControls} host={currentRole === 'host'} now={now} />
      )}
      {classInfo && <ClassBanner classInfo={classInfo} now={now} />}
      {snapshot.fatal && <FatalBanner code={snapshot.fatal.code} signedIn={signedIn} />}
      {!snapshot.fatal && snapshot.connection !== 'live' && snapshot.closeMessage && (
        <div class="banner banner-warn" role="status" data-testid="connection-detail">
          {snapshot.closeMessage}
        </div>
      )}
      {snapshot.storageWaitingSince !== null && <StorageBanner since={snapshot.storageWaitingSince} />}
      <NoticeList notices={snapshot.notices} onDismiss={(id) => connection.dismissNotice(id)} />
      <main
        id="main"
        class={`workspace${problem ? (statementOpen ? ' with-statement' : ' with-statement collapsed') : ''}`}
      >
        {/* The page's heading for screen readers, unless the interview's title is shown as one. */}
        {!(session && hostControls && session.title) && (
          <h1 class="sr-only" data-testid="room-heading">
            {problem ? `Room: ${problem.title}` : 'Room'}
          </h1>
        )}
        {problem && (
          <StatementPanel
            problem={problem}
            open={statementOpen}
            onToggle={() => setStatementOpen(!statementOpen)}
            linkToProblem={signedIn}
          />
        )}
        <section class="pane editor-pane" aria-label="Code editor">
          <div class="pane-header toolbar">
            {watching ? (
              <span
                class="pill"
                data-testid="viewer-badge"
                title="Only the room's hosts and editors can change the code"
              >
                {abilities.runHint ?? 'Watching only'}
              </span>
            ) : (
              <>
                <LanguagePicker
                  value={language}
                  disabled={snapshot.connection !== 'live' || !abilities.changeLanguage}
                  title={abilities.changeLanguage ? undefined : 'A host locked the language'}
                  onChange={(id) => connection.setLanguage(id, problem?.starterCode)}
                />
                {abilities.run ? (
                  <RunControls
                    controls={controls}
                    runShortcut={runShortcut}
                    submitShortcut={submitShortcut}
                    onRun={run}
                    onSubmit={submit}
                    onSubmitUnavailable={submit}
                    onStop={() => connection.stop()}
                  />
                ) : (
                  <span class="pill" data-testid="run-hint">
                    {abilities.runHint}
                  </span>
                )}
              </>
            )}
          </div>
          {(currentRole === 'host' || following) && (
            <div class="follow-bar">
              {following && (
                <span role="status" data-testid="following">
                  Following {following.name} —{' '}
                  <button
                    type="button"
                    class="link-button"
                    data-testid="stop-following"
                    onClick={() => setFollowing(null)}
                  >
                    Stop
                  </button>
                </span>
              )}
              {currentRole === 'host' && (
                <button
                  type="button"
                  class="button small"
                  data-testid="follow-me"
                  aria-pressed={leading ? 'true' : 'false'}
                  disabled={!live || ended}
                  title="Everyone else's editor follows your cursor (they can stop)"
                  onClick={() => connection.followMe(!leading)}
                >
                  {leading ? 'Stop leading' : 'Follow me'}
                </button>
              )}
            </div>
          )}
          <div class="editor-frame" aria-busy={loaded ? undefined : 'true'}>
            <CollabEditor
              testId="editor"
              variant="code"
              ytext={connection.code}
              awareness={connection.awareness}
              undoManager={connection.codeUndo}
              syntax={editorSyntaxForId(language)}
              editable={editable}
              allowInsert={(bytes, changes) => connection.allowsInsert(bytes, changes)}
              onRun={run}
              onSubmit={submit}
              label="Code"
              followId={following?.id ?? null}
              onStopFollowing={() => setFollowing(null)}
            />
            {!loaded && !snapshot.fatal && <div class="editor-overlay">Loading the room…</div>}
          </div>
        </section>
        <div class="side">
          <section class="pane stdin-pane" aria-labelledby="stdin-title">
            <header class="pane-header">
              <h2 id="stdin-title" class="pane-title">
                Input (stdin)
              </h2>
              <span class="pane-hint">Shared; given to the program on Run (empty: type into it while it runs)</span>
            </header>
            <div class="editor-frame">
              <CollabEditor
                testId="stdin"
                variant="stdin"
                ytext={connection.stdin}
                awareness={connection.awareness}
                undoManager={connection.stdinUndo}
                editable={editable}
                allowInsert={(bytes, changes) => connection.allowsInsert(bytes, changes)}
                onRun={run}
                onSubmit={submit}
                labelledBy="stdin-title"
                placeholderText="Type input for the program here"
              />
            </div>
          </section>
          <ResultsPanel
            roomId={roomId}
            run={snapshot.run}
            submission={snapshot.submission}
            onProblem={onProblem}
            onInput={!watching && abilities.run ? (data, eof) => connection.sendInput(data, eof) : undefined}
          />
          <ChatPanel
            messages={snapshot.chat}
            loaded={snapshot.chatLoaded}
            selfId={snapshot.selfId}
            canSend={live && !ended}
            onSend={(text) => connection.sendChat(text)}
          />
        </div>
      </main>
    </div>
  );
}
