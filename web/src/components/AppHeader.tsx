import { useSession } from '../session/SessionContext.tsx';
import { AccountArea } from './AccountArea.tsx';
import { Brand } from './Brand.tsx';
import { MainNav } from './MainNav.tsx';

/** The header of every page but rooms (which have their own, with the same account area). */
export function AppHeader() {
  const { me, error } = useSession();
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar app-topbar">
        <Brand />
        <MainNav role={me?.user?.role} />
        <AccountArea />
      </header>
      {error && (
        <div class="banner banner-warn" role="status" data-testid="session-error">
          Could not check who you are signed in as: {error}
        </div>
      )}
    </>
  );
}
