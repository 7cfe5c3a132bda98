export type ProviderStatus = 'connecting' | 'connected' | 'disconnected';

export type ConnectionState = 'connecting' | 'live' | 'offline' | 'closed';

export interface ConnectionFacts {
  /** Last `status` event of the provider. */
  status: ProviderStatus;
  /** The current socket finished the sync handshake. */
  synced: boolean;
  /** Some socket of this page synced once: the doc holds the room's content. */
  everSynced: boolean;
  /** The server closed with a code after which the client stopped reconnecting. */
  fatal: boolean;
}

/**
 * What the connection badge says. Before the first sync the editor is read-only (local
 * edits would be merged into the server's template), so "Offline — edits will sync"
 * is only said once the doc has been synced at least once.
 */
export function connectionState(facts: ConnectionFacts): ConnectionState {
  if (facts.fatal) return 'closed';
  if (facts.status === 'connected' && facts.synced) return 'live';
  return facts.everSynced ? 'offline' : 'connecting';
}

export const CONNECTION_LABELS: Readonly<Record<ConnectionState, string>> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline — edits will sync when reconnected',
  closed: 'Disconnected',
};
