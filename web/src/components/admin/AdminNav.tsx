import type { Role } from '@codestream/shared';
import { canAuthorProblems, canManageUsers } from '../../lib/roles.ts';

/** Tabs between the admin sections this role may see. */
export function AdminNav({ role, current }: { role: Role; current: 'users' | 'problems' }) {
  const items = [
    ...(canManageUsers(role) ? [{ key: 'users', href: '/admin/users', label: 'Users' }] : []),
    ...(canAuthorProblems(role) ? [{ key: 'problems', href: '/admin/problems', label: 'Problems' }] : []),
  ];
  if (items.length < 2) return null;
  return (
    <nav class="tabs" aria-label="Admin sections">
      {items.map((item) => (
        <a key={item.key} href={item.href} aria-current={item.key === current ? 'page' : undefined}>
          {item.label}
        </a>
      ))}
    </nav>
  );
}
