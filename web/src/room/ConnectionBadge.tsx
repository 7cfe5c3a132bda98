import { CONNECTION_LABELS, type ConnectionState } from '../lib/connectionState.ts';

export function ConnectionBadge({ state, detail }: { state: ConnectionState; detail: string | null }) {
  const label = CONNECTION_LABELS[state];
  return (
    <span
      class={`badge badge-${state}`}
      data-testid="connection"
      data-state={state}
      role="status"
      title={state === 'live' ? 'Connected; changes are shared instantly' : (detail ?? label)}
    >
      <span class="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
