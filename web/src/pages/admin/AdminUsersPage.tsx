import type { PublicUser } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { listUsers } from '../../api/userApi.ts';
import { AdminNav } from '../../components/admin/AdminNav.tsx';
import { SignupInviteForm } from '../../components/admin/SignupInviteForm.tsx';
import { UserRow } from '../../components/admin/UserRow.tsx';
import { PageFrame } from '../../components/PageFrame.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { useConfirm } from '../../hooks/useConfirm.tsx';
import { useDebouncedValue } from '../../hooks/useDebouncedValue.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useResource } from '../../hooks/useResource.ts';

const PAGE_SIZE = 25;

/** `/admin/users`: find people, change their role, disable them, end their sessions; invite new ones. */
export function AdminUsersPage() {
  useDocumentTitle('Users');
  return <RequireRole roles={['admin']}>{(user) => <UserAdmin me={user} />}</RequireRole>;
}

function UserAdmin({ me }: { me: PublicUser }) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const q = useDebouncedValue(query.trim(), 250);
  const { dialog, ask } = useConfirm();
  const users = useResource((signal) => listUsers({ q: q || undefined, page, pageSize: PAGE_SIZE }, signal), [q, page]);

  return (
    <PageFrame wide>
      <header class="page-header">
        <h1>Administration</h1>
      </header>
      <AdminNav role={me.role} current="users" />
      <div class="admin-grid">
        <section class="panel" aria-labelledby="users-title">
          <h2 id="users-title" class="panel-title">
            Users
          </h2>
          <div class="field">
            <label class="field-label" for="admin-user-search">
              Search by name or email
            </label>
            <input
              id="admin-user-search"
              type="search"
              data-testid="admin-user-search"
              value={query}
              onInput={(e) => {
                setQuery(e.currentTarget.value);
                setPage(1);
              }}
            />
          </div>
          {users.status === 'error' && (
            <p class="form-error" role="alert" data-testid="admin-users-error">
              Users could not be loaded: {users.error}
            </p>
          )}
          <div aria-busy={users.status === 'loading' ? 'true' : undefined}>
            {users.data && !users.data.locksKnown && (
              <p class="form-error" role="alert" data-testid="admin-users-locks-unknown">
                Which accounts failed sign-ins have locked cannot be read right now (the server cannot reach its store
                of sign-in counts); Unlock still tries.
              </p>
            )}
            {users.data && users.data.items.length === 0 && <p class="muted">Nobody matches.</p>}
            {users.data && users.data.items.length > 0 && (
              <table class="table people-table" data-testid="admin-user-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span class="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((user) => (
                    <UserRow
                      key={user.id}
                      user={user}
                      self={user.id === me.id}
                      locksKnown={users.data?.locksKnown ?? true}
                      ask={ask}
                    />
                  ))}
                </tbody>
              </table>
            )}
            {users.data && (
              <Pagination
                label="User pages"
                total={users.data.total}
                page={page}
                pageSize={PAGE_SIZE}
                onPage={setPage}
              />
            )}
          </div>
        </section>
        <SignupInviteForm />
      </div>
      {dialog}
    </PageFrame>
  );
}
