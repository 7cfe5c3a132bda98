import type { ComponentChildren } from 'preact';
import { AppHeader } from './AppHeader.tsx';

/** Header plus the page's main content (the skip link's target). */
export function PageFrame({ children, wide = false }: { children: ComponentChildren; wide?: boolean }) {
  return (
    <div class="page">
      <AppHeader />
      <main id="main" class={wide ? 'content wide' : 'content'} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
