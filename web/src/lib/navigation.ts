/** The path and query of the page, what App routes on. */
export function currentLocation(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/**
 * Client-side navigation: App listens to popstate, so pushState is followed by one.
 * `replace` rewrites the current entry (filters typed into a search box, redirects).
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/**
 * Follows same-origin links inside the app without reloading the page (left clicks
 * without modifier keys on plain <a href="/…">; downloads, new tabs and external links
 * are left to the browser).
 */
export function interceptLinkClicks(root: HTMLElement): () => void {
  const onClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.dataset.reload !== undefined) return;
    const href = anchor.getAttribute('href');
    if (!href?.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return;
    event.preventDefault();
    navigate(href);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}

/** localStorage, or undefined where reading it throws (privacy modes, sandboxed frames). */
export function pageStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
