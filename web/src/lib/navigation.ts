/** Client-side navigation: App listens to popstate, so pushState is followed by one. */
export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** localStorage, or undefined where reading it throws (privacy modes, sandboxed frames). */
export function pageStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
