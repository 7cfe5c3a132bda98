import { hasRole, type PublicUser, type Role } from '@codestream/shared';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { currentLocation, navigate } from '../lib/navigation.ts';
import { loginPath } from '../lib/route.ts';
import { useSession } from '../session/SessionContext.tsx';
import { PageFrame } from './PageFrame.tsx';

/**
 * Renders `children(user)` for a signed-in person whose role is one of `roles` (any role
 * when omitted; admins always pass). Signed-out people are sent to sign in and brought
 * back; others are told the page is not for their role.
 */
export function RequireRole({
  roles,
  children,
}: {
  roles?: readonly Role[];
  children(user: PublicUser): ComponentChildren;
}) {
  const { me } = useSession();
  const user = me?.user ?? null;
  const signedOut = me !== null && user === null;

  useEffect(() => {
    if (signedOut) navigate(loginPath(currentLocation()), { replace: true });
  }, [signedOut]);

  if (!user) {
    return (
      <PageFrame>
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      </PageFrame>
    );
  }
  if (roles && !hasRole(user.role, roles)) {
    return (
      <PageFrame>
        <section class="centered-card" data-testid="forbidden">
          <h1>Not available to you</h1>
          <p>
            This page is for {roles.join(' and ')}s{roles.includes('admin') ? '' : ' and admins'}. You are signed in as{' '}
            {user.name} ({user.role}).
          </p>
          <a class="button primary" href="/">
            Go home
          </a>
        </section>
      </PageFrame>
    );
  }
  return <>{children(user)}</>;
}
