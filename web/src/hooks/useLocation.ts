import { useEffect, useState } from 'preact/hooks';

export interface PageLocation {
  pathname: string;
  search: string;
}

function read(): PageLocation {
  return { pathname: window.location.pathname, search: window.location.search };
}

/** The page's path and query, following client-side navigation (see lib/navigation.ts). */
export function useLocation(): PageLocation {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const onPopState = () => setLocation(read());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  return location;
}
