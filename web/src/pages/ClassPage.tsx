import { MAX_CLASS_MESSAGE_LENGTH, MAX_DURATION_MINUTES, MAX_TITLE_LENGTH } from '@codestream/shared';
import { useState } from 'preact/hooks';
import {
  type ClassView,
  getClass,
  type InstructorClassView,
  newJoinLink,
  openClassRoom,
  type StudentClassView,
  sendClassMessage,
  setClassTimer,
  updateClass,
} from '../api/classApi.ts';
import { FormError } from '../components/FormError.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { TextField } from '../components/TextField.tsx';
import { RoomDashboard } from '../dashboard/RoomDashboard.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useResource } from '../hooks/useResource.ts';
import { useServerNow } from '../hooks/useServerNow.ts';
import { parseList } from '../lib/accountList.ts';
import { classClockState } from '../lib/classClock.ts';
import { copyText } from '../lib/clipboard.ts';
import { ApiError, errorMessage, type FieldIssue } from '../lib/http.ts';
import { formatClock } from '../lib/interviewClock.ts';
import { navigate } from '../lib/navigation.ts';
import { classJoinPath, roomPath } from '../lib/route.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** `/classes/:id`: instructors run the class here; students open their rooms on its problems. */
export function ClassPage({ classId }: { classId: string }) {
  return <RequireRole>{() => <ClassLoader classId={classId} />}</RequireRole>;
}

function ClassLoader({ classId }: { classId: string }) {
  const view = useResource((signal) => getClass(classId, signal), [classId]);
  useDocumentTitle(view.data?.title ?? 'Class');
  if (view.status === 'error' && view.errorStatus === 404) return <NotFoundPage what="page" />;
  const data = view.data;
  return (
    <PageFrame wide>
      {view.status === 'error' && <FormError message={view.error} />}
      {!data ? (
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      ) : (
        <>
          <header class="page-header">
            <div>
              <h1 data-testid="class-title-heading">{data.title}</h1>
              <p class="muted">{data.role === 'instructor' ? 'You teach this class.' : 'You are a student.'}</p>
            </div>
          </header>
          <ClassStatus view={data} />
          {data.role === 'instructor' ? (
            <InstructorClass view={data} reload={view.reload} />
          ) : (
            <StudentClass view={data} />
          )}
        </>
      )}
    </PageFrame>
  );
}

/** The message and the class timer, as the rooms show them. */
function ClassStatus({ view }: { view: ClassView }) {
  const [offset] = useState(() => view.now - Date.now());
  const now = useServerNow(offset, view.timer?.startedAt != null);
  const clock = classClockState(view.timer, now);
  if (!view.message && !clock) return null;
  return (
    <section class="panel class-status" aria-label="Class status">
      {view.message && (
        <p data-testid="class-page-message">
          {view.message.text} <span class="muted">— {view.message.by}</span>
        </p>
      )}
      {clock && (
        <p role="timer" aria-label="Class time left" data-testid="class-page-clock">
          {clock.phase === 'over' ? 'Time is up' : formatClock(clock.remainingMs)}
        </p>
      )}
    </section>
  );
}

function StudentClass({ view }: { view: StudentClassView }) {
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function open(slug: string) {
    setOpening(slug);
    setError(null);
    try {
      navigate(roomPath(await openClassRoom(view.id, slug)));
    } catch (err) {
      setError(errorMessage(err));
      setOpening(null);
    }
  }
  return (
    <section class="panel" aria-labelledby="class-problems-title">
      <h2 id="class-problems-title" class="panel-title">
        Problems
      </h2>
      <ul class="plain-list" data-testid="class-problems">
        {view.problems.map((problem) => (
          <li key={problem.slug} class="class-problem">
            <span>{problem.title}</span>
            <button
              type="button"
              class="button primary small"
              data-testid={`open-${problem.slug}`}
              disabled={opening !== null}
              onClick={() => open(problem.slug)}
            >
              {view.rooms.some((room) => room.problemSlug === problem.slug) ? 'Open' : 'Start'}
            </button>
          </li>
        ))}
      </ul>
      <FormError message={error} testId="open-error" />
    </section>
  );
}

function InstructorClass({ view, reload }: { view: InstructorClassView; reload(): void }) {
  return (
    <>
      <section class="class-dashboard" data-testid="class-dashboard" aria-labelledby="class-dashboard-title">
        <h2 id="class-dashboard-title" class="panel-title">
          Live rooms
        </h2>
        {view.rooms.length === 0 ? (
          <p class="muted">A student's room appears here once they open one of the class's problems.</p>
        ) : (
          <RoomDashboard roomIds={view.rooms.map((room) => room.roomId)} />
        )}
      </section>
      <div class="class-columns">
        <MessageForm view={view} onDone={reload} />
        <TimerForm view={view} onDone={reload} />
      </div>
      {view.roster === null && <JoinLink view={view} onDone={reload} />}
      <StudentRooms view={view} />
      <SettingsForm view={view} onDone={reload} />
    </>
  );
}

/** Runs `action`, keeping its error to show; `onDone` after it succeeded. */
function useAction(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);
  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (err) {
      setError({ message: errorMessage(err), issues: err instanceof ApiError ? err.details : [] });
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

function MessageForm({ view, onDone }: { view: InstructorClassView; onDone(): void }) {
  const [text, setText] = useState('');
  const action = useAction(() => {
    setText('');
    onDone();
  });
  return (
    <section class="panel" aria-labelledby="message-title">
      <h2 id="message-title" class="panel-title">
        Message to every room
      </h2>
      <form
        class="stack-form"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(() => sendClassMessage(view.id, text));
        }}
      >
        <textarea
          aria-labelledby="message-title"
          data-testid="class-message-input"
          maxLength={MAX_CLASS_MESSAGE_LENGTH}
          rows={2}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <div class="button-row">
          <button
            class="button primary"
            type="submit"
            data-testid="send-class-message"
            disabled={action.busy || !text.trim()}
          >
            Send
          </button>
          {view.message && (
            <button
              class="button"
              type="button"
              data-testid="clear-class-message"
              disabled={action.busy}
              onClick={() => action.run(() => sendClassMessage(view.id, ''))}
            >
              Clear the message
            </button>
          )}
        </div>
        <FormError message={action.error?.message ?? null} />
      </form>
    </section>
  );
}

function TimerForm({ view, onDone }: { view: InstructorClassView; onDone(): void }) {
  const [minutes, setMinutes] = useState(String(view.timer?.durationMinutes ?? 30));
  const action = useAction(onDone);
  const running = view.timer?.startedAt != null;
  const length = Number(minutes);
  const valid = Number.isInteger(length) && length >= 1 && length <= MAX_DURATION_MINUTES;
  return (
    <section class="panel" aria-labelledby="timer-title">
      <h2 id="timer-title" class="panel-title">
        Class timer
      </h2>
      <form
        class="stack-form"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(() => setClassTimer(view.id, length, true));
        }}
      >
        <TextField
          id="class-timer-minutes"
          label="Minutes"
          type="number"
          min={1}
          max={MAX_DURATION_MINUTES}
          testId="class-timer-minutes"
          value={minutes}
          onValue={setMinutes}
        />
        <div class="button-row">
          <button class="button primary" type="submit" data-testid="start-class-timer" disabled={action.busy || !valid}>
            {running ? 'Change length' : 'Start'}
          </button>
          {running && (
            <button
              class="button"
              type="button"
              data-testid="stop-class-timer"
              disabled={action.busy}
              onClick={() => action.run(() => setClassTimer(view.id, view.timer?.durationMinutes ?? length, false))}
            >
              Stop and reset
            </button>
          )}
        </div>
        <FormError message={action.error?.message ?? null} />
      </form>
    </section>
  );
}

function JoinLink({ view, onDone }: { view: InstructorClassView; onDone(): void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const action = useAction(onDone);
  return (
    <section class="panel" aria-labelledby="join-link-title">
      <h2 id="join-link-title" class="panel-title">
        Join link
      </h2>
      <p class="muted">
        Anyone signed in who opens it becomes a student of the class.
        {view.hasJoinLink && ' Making a new link stops the previous one from working.'}
      </p>
      {url && (
        <p class="join-link-row">
          <input type="text" readOnly value={url} data-testid="class-join-link" aria-label="Join link" />
          <button
            type="button"
            class="button small"
            data-testid="copy-class-join-link"
            onClick={async () => setCopied(await copyText(url))}
          >
            <span aria-live="polite">{copied === null ? 'Copy' : copied ? 'Copied' : 'Copy it by hand'}</span>
          </button>
        </p>
      )}
      <button
        type="button"
        class="button"
        data-testid="new-join-link"
        disabled={action.busy}
        onClick={() =>
          action.run(async () => {
            const link = await newJoinLink(view.id);
            setUrl(`${window.location.origin}${classJoinPath(link.token)}`);
            setCopied(null);
          })
        }
      >
        {view.hasJoinLink ? 'New join link' : 'Make a join link'}
      </button>
      <FormError message={action.error?.message ?? null} />
    </section>
  );
}

function StudentRooms({ view }: { view: InstructorClassView }) {
  return (
    <section class="panel" aria-labelledby="student-rooms-title">
      <h2 id="student-rooms-title" class="panel-title">
        Students and their rooms
      </h2>
      {view.students.length === 0 && <p class="muted">No students yet.</p>}
      <ul class="plain-list" data-testid="class-students">
        {view.students.map((student) => (
          <li key={student.id}>
            <strong>{student.name}</strong>{' '}
            {view.problems.map((problem) => {
              const room = view.rooms.find((r) => r.studentId === student.id && r.problemSlug === problem.slug);
              return room ? (
                <a key={problem.slug} class="pill" href={roomPath(room.roomId)} data-testid="student-room-link">
                  {problem.title}
                </a>
              ) : (
                <span key={problem.slug} class="pill muted" title="Not opened yet">
                  {problem.title}
                </span>
              );
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SettingsForm({ view, onDone }: { view: InstructorClassView; onDone(): void }) {
  const [title, setTitle] = useState(view.title);
  const [problems, setProblems] = useState(view.problems.map((p) => p.slug).join(', '));
  const others = view.instructors.filter((person) => person.id !== view.ownerId);
  const [instructors, setInstructors] = useState(others.map((person) => person.email).join(', '));
  const [roster, setRoster] = useState(view.roster?.map((person) => person.email).join(', ') ?? '');
  const [observersVisible, setObserversVisible] = useState(view.observersVisible);
  const action = useAction(onDone);
  return (
    <section class="panel" aria-labelledby="class-settings-title">
      <h2 id="class-settings-title" class="panel-title">
        Settings
      </h2>
      <form
        class="stack-form"
        onSubmit={(event) => {
          event.preventDefault();
          const students = parseList(roster);
          void action.run(() =>
            updateClass(view.id, {
              title: title.trim(),
              problemSlugs: parseList(problems),
              instructors: parseList(instructors),
              roster: students.length > 0 ? students : null,
              observersVisible,
            }),
          );
        }}
      >
        <TextField id="settings-title" label="Title" maxLength={MAX_TITLE_LENGTH} value={title} onValue={setTitle} />
        <TextField
          id="settings-problems"
          label="Problems"
          hint="Problem slugs, separated by commas"
          value={problems}
          onValue={setProblems}
        />
        <TextField
          id="settings-instructors"
          label="Co-instructors"
          testId="settings-instructors"
          hint="Emails: they become hosts of every room of the class"
          value={instructors}
          onValue={setInstructors}
        />
        <TextField
          id="settings-roster"
          label="Roster"
          hint="Emails of the students; empty: whoever has the join link"
          value={roster}
          onValue={setRoster}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={observersVisible}
            data-testid="settings-observers-visible"
            onChange={(e) => setObserversVisible(e.currentTarget.checked)}
          />{' '}
          Students see who observes their room
        </label>
        <button class="button primary" type="submit" data-testid="save-class" disabled={action.busy}>
          Save
        </button>
        <FormError message={action.error?.message ?? null} issues={action.error?.issues} />
      </form>
    </section>
  );
}
