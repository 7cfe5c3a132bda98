import { useEffect } from 'preact/hooks';

/** Sets the tab's title: "`title` — CodeStream". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — CodeStream` : 'CodeStream';
  }, [title]);
}
