import { useEffect, useState } from 'preact/hooks';

/** The server's clock (this browser's plus `offsetMs`), ticking every second while `ticking`. */
export function useServerNow(offsetMs: number, ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now() + offsetMs), 1_000);
    return () => clearInterval(timer);
  }, [offsetMs, ticking]);
  return now;
}
