import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AdminRoutesProps } from '../components/admin/AdminRoutes.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { navigate } from '../lib/navigation.ts';
import { adminLanding } from '../lib/roles.ts';
import type { Route } from '../lib/route.ts';
import { useSession } from '../session/SessionContext.tsx';

type AdminRoute = Extract<Route, { page: `admin${string}` }>;

// The admin pages are for few people: their code loads only when one is opened.
let adminModule: Promise<ComponentType<AdminRoutesProps>> | undefined;
function loadAdmin(): Promise<ComponentType<AdminRoutesProps>> {
  adminModule ??= import('../components/admin/AdminRoutes.tsx').then((m) => m.AdminRoutes);
  return adminModule;
}

/** `/admin…`: loads the admin pages; `/admin` itself goes to the first section the role may see. */
export function AdminPage({ route }: { route: AdminRoute }) {
  const { me } = useSession();
  const [Admin, setAdmin] = useState<ComponentType<AdminRoutesProps> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const landing = adminLanding(me?.user?.role);

  useEffect(() => {
    let current = true;
    loadAdmin().then(
      (component) => current && setAdmin(() => component),
      (err: Error) => current && setError(`This page could not be loaded (${err.message}). Reload the page.`),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (route.page === 'admin' && landing) navigate(landing, { replace: true });
  }, [route.page, landing]);

  if (route.page === 'admin') {
    // Signed out: RequireRole sends to sign-in. Signed in without an admin role: it says so.
    return <RequireRole roles={['author']}>{() => null}</RequireRole>;
  }
  if (!Admin) {
    return (
      <PageFrame>
        {error ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p class="muted" aria-busy="true">
            Loading…
          </p>
        )}
      </PageFrame>
    );
  }
  return <Admin route={route} />;
}
