import { useEffect, useState } from 'preact/hooks';
import { HomePage } from './components/HomePage.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { RoomPage } from './components/RoomPage.tsx';
import { parseRoute } from './lib/route.ts';

/** Path routing: `/` home, `/r/:id` a room, anything else not found. */
export function App() {
  const [path, setPath] = useState(() => window.location.pathname);

  useEffect(() => {
    const onPopState = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const route = parseRoute(path);
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'room':
      // Keyed so that moving to another room builds a fresh connection and editors.
      return <RoomPage key={route.roomId} roomId={route.roomId} />;
    case 'room-not-found':
      return <NotFoundPage what="room" />;
    case 'not-found':
      return <NotFoundPage what="page" />;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}
