import { hasRole, type Role } from '@codestream/shared';

/** What a role may do in the app, for showing and hiding controls (the server decides for real). */
export const canHostRooms = (role: Role | undefined) => role !== undefined && hasRole(role, ['host']);
export const canAuthorProblems = (role: Role | undefined) => role !== undefined && hasRole(role, ['author']);
export const canManageUsers = (role: Role | undefined) => role === 'admin';

/** The admin section someone lands on at /admin, or null when they may see none. */
export function adminLanding(role: Role | undefined): '/admin/users' | '/admin/problems' | null {
  if (canManageUsers(role)) return '/admin/users';
  if (canAuthorProblems(role)) return '/admin/problems';
  return null;
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Admin',
  author: 'Author',
  host: 'Host',
  member: 'Member',
};
