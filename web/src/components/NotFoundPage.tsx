import { useEffect } from 'preact/hooks';
import { Brand } from './Brand.tsx';

export function NotFoundPage({ what }: { what: 'room' | 'page' }) {
  useEffect(() => {
    document.title = `${what === 'room' ? 'Room' : 'Page'} not found — CodeStream`;
  }, [what]);

  return (
    <div class="page">
      <header class="topbar">
        <Brand />
      </header>
      <main class="centered-card" data-testid="not-found">
        <h1>{what === 'room' ? 'Room not found' : 'Page not found'}</h1>
        <p>
          {what === 'room'
            ? 'This room does not exist. The link may be mistyped, or the room may have been removed.'
            : 'There is nothing at this address.'}
        </p>
        <a class="button primary" href="/" data-testid="home-link">
          Create a new room
        </a>
      </main>
    </div>
  );
}
