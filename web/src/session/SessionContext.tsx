import type { PublicUser } from '@codestream/shared';
import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { fetchMe, type Me, signOut as requestSignOut } from '../api/authApi.ts';
import { takeEarlyMe } from '../lib/earlyRequests.ts';
import { errorMessage } from '../lib/http.ts';

export interface Session {
  /** null until the first answer of /api/auth/me. */
  me: Me | null;
  /** Why /api/auth/me failed, if it did (the app then behaves as signed out). */
  error: string | null;
  /** Asks the server again (after joining as a guest, for instance). */
  refresh(): Promise<void>;
  /** Records the account a sign-in or registration answered with. */
  signedIn(user: PublicUser): void;
  signOut(everywhere?: boolean): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

const SIGNED_OUT: Me = {
  user: null,
  guest: null,
  registration: 'closed',
  signIn: { passwords: true, providers: [] },
};

/** Who is using the app, asked once at start and after anything that changes it. */
export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setMe(await (takeEarlyMe() ?? fetchMe()));
      setError(null);
    } catch (err) {
      setMe((previous) => previous ?? SIGNED_OUT);
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signedIn = useCallback((user: PublicUser) => {
    setMe((previous) => ({ ...(previous ?? SIGNED_OUT), user, guest: null }));
  }, []);

  const signOut = useCallback(
    async (everywhere = false) => {
      await requestSignOut(everywhere);
      await refresh();
    },
    [refresh],
  );

  const value = useMemo(() => ({ me, error, refresh, signedIn, signOut }), [me, error, refresh, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
