/** The WebSocket origin of the page: same host, `wss:` under https. */
export function pageWsOrigin(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}
