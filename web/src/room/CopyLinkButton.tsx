import { useEffect, useState } from 'preact/hooks';
import { copyText } from '../lib/clipboard.ts';

export function CopyLinkButton({ url }: { url: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <button
      type="button"
      class="button small"
      data-testid="copy-link"
      data-url={url}
      title={`Copy ${url} — opens the room for its participants; use Invite for new people`}
      onClick={async () => setState((await copyText(url)) ? 'copied' : 'failed')}
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Link copied' : state === 'failed' ? 'Copy the address bar' : 'Copy link'}
      </span>
    </button>
  );
}
