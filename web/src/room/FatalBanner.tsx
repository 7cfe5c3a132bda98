import { fatalAdvice } from '../lib/fatalClose.ts';
import { currentLocation } from '../lib/navigation.ts';
import { loginPath } from '../lib/route.ts';

/** The room socket closed for good: why, and the one thing that can help. */
export function FatalBanner({ code, signedIn }: { code: number; signedIn: boolean }) {
  const advice = fatalAdvice(code, signedIn);
  return (
    <div class="banner banner-error" role="alert" data-testid="fatal" data-code={code}>
      <span>{advice.title}</span>
      {advice.remedy === 'reload' && (
        <button type="button" class="button small" onClick={() => window.location.reload()}>
          Reload
        </button>
      )}
      {advice.remedy === 'sign-in' && (
        <a class="button small" href={loginPath(currentLocation())} data-testid="fatal-sign-in">
          Sign in
        </a>
      )}
      {advice.remedy === 'home' && (
        <a class="button small" href="/" data-testid="fatal-home">
          Go home
        </a>
      )}
    </div>
  );
}
