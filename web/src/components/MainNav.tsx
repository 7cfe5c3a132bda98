import type { Role } from '@codestream/shared';
import { useLocation } from '../hooks/useLocation.ts';
import { adminLanding, canHostRooms } from '../lib/roles.ts';

interface NavItem {
  href: string;
  label: string;
  /** Paths under which the item counts as the current one. */
  section: string;
  testId: string;
}

function itemsFor(role: Role | undefined): NavItem[] {
  if (!role) return [];
  const items: NavItem[] = [{ href: '/problems', label: 'Problems', section: '/problems', testId: 'nav-problems' }];
  if (canHostRooms(role)) {
    items.push({ href: '/', label: 'My rooms', section: '/', testId: 'nav-rooms' });
    items.push({ href: '/dashboard', label: 'Dashboard', section: '/dashboard', testId: 'nav-dashboard' });
  }
  items.push({ href: '/classes', label: 'Classes', section: '/classes', testId: 'nav-classes' });
  const admin = adminLanding(role);
  if (admin) items.push({ href: admin, label: 'Admin', section: '/admin', testId: 'nav-admin' });
  return items;
}

function isCurrent(pathname: string, section: string): boolean {
  return section === '/' ? pathname === '/' : pathname === section || pathname.startsWith(`${section}/`);
}

/** Sections this person's role opens. Empty when signed out. */
export function MainNav({ role }: { role: Role | undefined }) {
  const { pathname } = useLocation();
  const items = itemsFor(role);
  if (items.length === 0) return <span class="nav-spacer" />;
  return (
    <nav class="main-nav" aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <a
              href={item.href}
              data-testid={item.testId}
              aria-current={isCurrent(pathname, item.section) ? 'page' : undefined}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
