import { useEffect, useState } from 'preact/hooks';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The async clipboard needs a secure context and focus; fall back to the legacy path.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

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
      title={`Copy ${url}`}
      onClick={async () => setState((await copyText(url)) ? 'copied' : 'failed')}
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Link copied' : state === 'failed' ? 'Copy the address bar' : 'Copy link'}
      </span>
    </button>
  );
}
