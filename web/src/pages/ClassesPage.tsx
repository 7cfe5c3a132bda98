import type { PublicUser } from '@codestream/shared';
import { MAX_TITLE_LENGTH } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { createClass, listClasses } from '../api/classApi.ts';
import { FormError } from '../components/FormError.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { TextField } from '../components/TextField.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useResource } from '../hooks/useResource.ts';
import { parseList } from '../lib/accountList.ts';
import { ApiError, errorMessage, type FieldIssue } from '../lib/http.ts';
import { navigate } from '../lib/navigation.ts';
import { canHostRooms } from '../lib/roles.ts';
import { classPath } from '../lib/route.ts';

/** `/classes`: the classes this person teaches or is a student of; hosts create one here. */
export function ClassesPage() {
  useDocumentTitle('Classes');
  return <RequireRole>{(user) => <Classes user={user} />}</RequireRole>;
}

function Classes({ user }: { user: PublicUser }) {
  const classes = useResource((signal) => listClasses(signal), [user.id]);
  return (
    <PageFrame>
      <header class="page-header">
        <div>
          <h1>Classes</h1>
          <p class="muted">Classes you teach or take. Each student works in a room of their own on each problem.</p>
        </div>
      </header>
      {canHostRooms(user.role) && (
        <section class="panel" aria-labelledby="create-class-title">
          <h2 id="create-class-title" class="panel-title">
            Create a class
          </h2>
          <CreateClassForm />
        </section>
      )}
      <section class="panel" aria-busy={classes.status === 'loading' ? 'true' : undefined}>
        {classes.status === 'error' && <FormError message={classes.error} />}
        {classes.data?.length === 0 && <p class="muted">No classes yet.</p>}
        {classes.data && classes.data.length > 0 && (
          <ul class="plain-list" data-testid="class-list">
            {classes.data.map((item) => (
              <li key={item.id}>
                <a href={classPath(item.id)} data-testid="class-link">
                  {item.title}
                </a>{' '}
                <span class="muted">
                  {item.role === 'instructor' ? 'You teach it' : 'You are a student'} · {item.problemCount} problem
                  {item.problemCount === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </PageFrame>
  );
}

function CreateClassForm() {
  const [title, setTitle] = useState('');
  const [problems, setProblems] = useState('');
  const [instructors, setInstructors] = useState('');
  const [roster, setRoster] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);

  async function onSubmit(event: Event) {
    event.preventDefault();
    setCreating(true);
    setError(null);
    try {
      const students = parseList(roster);
      const created = await createClass({
        title: title.trim(),
        problemSlugs: parseList(problems),
        instructors: parseList(instructors),
        roster: students.length > 0 ? students : null,
        observersVisible: true,
      });
      navigate(classPath(created.id));
    } catch (err) {
      setError({ message: errorMessage(err), issues: err instanceof ApiError ? err.details : [] });
      setCreating(false);
    }
  }

  return (
    <form class="stack-form" onSubmit={onSubmit}>
      <TextField
        id="class-title"
        label="Title"
        testId="class-title"
        maxLength={MAX_TITLE_LENGTH}
        value={title}
        onValue={setTitle}
        required
      />
      <TextField
        id="class-problems"
        label="Problems"
        testId="class-problems"
        hint="Problem slugs, separated by commas (e.g. two-sum, fizz-buzz)"
        value={problems}
        onValue={setProblems}
        required
      />
      <TextField
        id="class-instructors"
        label="Co-instructors"
        testId="class-instructors"
        hint="Emails of accounts that teach with you (optional)"
        value={instructors}
        onValue={setInstructors}
      />
      <TextField
        id="class-roster"
        label="Roster"
        testId="class-roster"
        hint="Emails of the students; leave empty to let in whoever has the join link"
        value={roster}
        onValue={setRoster}
      />
      <button class="button primary" type="submit" data-testid="create-class" disabled={creating}>
        {creating ? 'Creating…' : 'Create class'}
      </button>
      <FormError message={error?.message ?? null} issues={error?.issues} testId="create-class-error" />
    </form>
  );
}
