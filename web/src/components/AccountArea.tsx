import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from '../hooks/useLocation.ts';
import { errorMessage } from '../lib/http.ts';
import { navigate } from '../lib/navigation.ts';
import { ROLE_LABELS } from '../lib/roles.ts';
import { loginPath, registerPath } from '../lib/route.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ThemeSwitch } from './ThemeSwitch.tsx';

/**
 * Who is using the app: "Signed in as NAME (role)" with Sign out, "Guest: NAME", or
 * Sign in / Register links (which bring the person back here afterwards). `guestOnly`:
 * a guest in their room (an interview candidate) is offered no account. The theme switch
 * comes first.
 */
export function AccountArea({ compact = false, guestOnly = false }: { compact?: boolean; guestOnly?: boolean }) {
  const { me, signOut } = useSession();
  const { pathname, search } = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const more = useRef<HTMLDetailsElement>(null);

  // The "more" menu closes like a menu: Escape (focus back on its button) or a click elsewhere.
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const menu = more.current;
      if (menu?.open && !menu.contains(event.target as Node)) menu.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const menu = more.current;
      if (event.key !== 'Escape' || !menu?.open) return;
      menu.open = false;
      menu.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  if (!me)
    return (
      <div class="account" aria-busy="true">
        <ThemeSwitch />
      </div>
    );

  async function onSignOut(everywhere: boolean) {
    setBusy(true);
    setError(null);
    try {
      await signOut(everywhere);
      navigate('/');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const here = `${pathname}${search}`;
  const onAuthPage = pathname === '/login' || pathname === '/register';
  const signInLinks = (
    <>
      {!onAuthPage && (
        <a class="button small" href={loginPath(here)} data-testid="sign-in-link">
          Sign in
        </a>
      )}
      {me.registration === 'open' && !onAuthPage && (
        <a class="button small ghost" href={registerPath(here)} data-testid="register-link">
          Register
        </a>
      )}
    </>
  );

  return (
    <div class="account">
      <ThemeSwitch />
      {me.user ? (
        <>
          <span class="user-badge" data-testid="user-badge" data-role={me.user.role} title={me.user.email}>
            {!compact && <span class="muted">Signed in as </span>}
            <strong>{me.user.name}</strong> <span class="muted">({ROLE_LABELS[me.user.role].toLowerCase()})</span>
          </span>
          <button
            type="button"
            class="button small"
            data-testid="sign-out"
            disabled={busy}
            onClick={() => onSignOut(false)}
          >
            Sign out
          </button>
          <details class="account-more" ref={more}>
            <summary class="button small ghost" aria-label="More account actions" title="More account actions">
              ⋯
            </summary>
            {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: closes the menu after its links and buttons, which handle the keyboard themselves */}
            <div
              class="menu"
              onClick={() => {
                if (more.current) more.current.open = false;
              }}
            >
              <a class="button small ghost" href="/account" data-testid="account-link">
                Your account
              </a>
              <a class="button small ghost" href="/submissions" data-testid="my-submissions-link">
                My submissions
              </a>
              <button
                type="button"
                class="button small ghost"
                data-testid="sign-out-everywhere"
                disabled={busy}
                onClick={() => onSignOut(true)}
              >
                Sign out on all devices
              </button>
            </div>
          </details>
        </>
      ) : me.guest ? (
        <>
          <span class="user-badge" data-testid="user-badge" data-role="guest">
            <span class="muted">Guest:</span> <strong>{me.guest.name}</strong>
          </span>
          {!guestOnly && signInLinks}
        </>
      ) : (
        signInLinks
      )}
      {error && (
        <span class="form-error inline" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
