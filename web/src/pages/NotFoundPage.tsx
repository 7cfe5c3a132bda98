import { PageFrame } from '../components/PageFrame.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { currentLocation } from '../lib/navigation.ts';
import { loginPath } from '../lib/route.ts';
import { useSession } from '../session/SessionContext.tsx';

const TITLES = {
  room: 'Room not found',
  problem: 'Problem not found',
  page: 'Page not found',
  invite: 'Invitation not valid',
  submission: 'Submission not found',
};

/**
 * Not found. For rooms the server answers the same for "no such room" and "not yours",
 * so signed-out people are offered to sign in, the likely fix.
 */
export function NotFoundPage({ what }: { what: keyof typeof TITLES }) {
  useDocumentTitle(TITLES[what]);
  const { me } = useSession();
  const signedOut = me !== null && !me.user;
  return (
    <PageFrame>
      <section class="centered-card" data-testid="not-found">
        <h1>{TITLES[what]}</h1>
        <p>
          {what === 'room'
            ? signedOut
              ? 'This room does not exist, or you need to sign in to open it. If you were invited, open the invitation link you were sent.'
              : 'This room does not exist, or you are not one of its participants. Ask its host for an invitation link.'
            : what === 'invite'
              ? 'This invitation link is not valid. It may have expired or been mistyped; ask the room’s host for a new one.'
              : what === 'problem'
                ? 'There is no problem at this address, or it is a draft only authors can see.'
                : what === 'submission'
                  ? 'This submission does not exist, or it is not yours to see: submissions are shown to who submitted them, their room, and problem authors.'
                  : 'There is nothing at this address.'}
        </p>
        <div class="form-actions start">
          {signedOut && (what === 'room' || what === 'problem' || what === 'submission') && (
            <a class="button primary" href={loginPath(currentLocation())} data-testid="not-found-sign-in">
              Sign in
            </a>
          )}
          <a class={`button ${signedOut ? '' : 'primary'}`} href="/" data-testid="home-link">
            Go home
          </a>
        </div>
      </section>
    </PageFrame>
  );
}
