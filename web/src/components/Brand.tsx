/**
 * The product mark, linking home (a guest's home is the room they were invited to). `label`
 * starts with the visible "CodeStream", so speech input can name the link by what it shows.
 */
export function Brand({ href = '/', label = 'CodeStream home' }: { href?: string; label?: string }) {
  return (
    <a class="brand" href={href} aria-label={label}>
      <svg class="brand-logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" />
        <path d="M12 10l-6 6 6 6M20 10l6 6-6 6" />
      </svg>
      <span class="brand-name">CodeStream</span>
    </a>
  );
}
