import type { Route } from '../../lib/route.ts';
import { AdminProblemsPage } from '../../pages/admin/AdminProblemsPage.tsx';
import { AdminUsersPage } from '../../pages/admin/AdminUsersPage.tsx';
import { ProblemEditorPage } from '../../pages/admin/ProblemEditorPage.tsx';

export interface AdminRoutesProps {
  route: Extract<Route, { page: `admin-${string}` }>;
}

/** The admin section's pages (one lazily loaded chunk). */
export function AdminRoutes({ route }: AdminRoutesProps) {
  switch (route.page) {
    case 'admin-users':
      return <AdminUsersPage />;
    case 'admin-problems':
      return <AdminProblemsPage />;
    case 'admin-problem-new':
      return <ProblemEditorPage key="new" slug={null} />;
    case 'admin-problem-edit':
      return <ProblemEditorPage key={route.slug} slug={route.slug} />;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}
