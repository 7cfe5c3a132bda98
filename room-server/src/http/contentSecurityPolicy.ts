/**
 * The Content-Security-Policy of every response. The app loads nothing from another
 * origin, so nothing another origin serves runs, loads or receives data even if some
 * text of a participant ends up in the page. `style-src 'unsafe-inline'` is needed:
 * CodeMirror injects its theme as <style> elements and y-codemirror.next colours remote
 * cursors with `style` attributes (whose values are checked before they get there).
 * `connect-src 'self'` covers the room socket: CSP Level 3 lets 'self' match ws:/wss:
 * on the page's own host and port. `data:` images are the inline favicon.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
