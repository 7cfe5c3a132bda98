import type { Session } from './clients.ts';

/**
 * Follows a sign-in's redirects as a browser would: requests to CodeStream go through
 * `session` (its cookies), those to a provider keep that provider's own cookies. Stops at
 * the first redirect from CodeStream to one of its pages, and returns where it leads.
 */
export async function followSignIn(session: Session, path: string, trace: URL[] = []): Promise<URL> {
  const app = new URL(session.server.url);
  const providerCookies = new Map<string, Map<string, string>>();
  let res = await session.fetch(path);
  for (let hops = 0; hops < 20; hops++) {
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`sign-in stopped at ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    const url = new URL(location, res.url || app);
    trace.push(url);
    if (url.origin === app.origin) {
      if (!url.pathname.startsWith('/api/')) return url;
      res = await session.fetch(`${url.pathname}${url.search}`);
      continue;
    }
    const jar = providerCookies.get(url.origin) ?? new Map<string, string>();
    providerCookies.set(url.origin, jar);
    res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  throw new Error('too many redirects');
}
