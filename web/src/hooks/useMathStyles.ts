import { useEffect } from 'preact/hooks';

let requested = false;

/**
 * Statements come with their math already rendered by the server (KaTeX markup); what the
 * browser needs is KaTeX's stylesheet and fonts, fetched once, the first time a page
 * shows HTML that holds math.
 */
export function useMathStyles(html: string): void {
  useEffect(() => {
    if (requested || !html.includes('class="katex')) return;
    requested = true;
    void import('../lib/katexStyles.ts');
  }, [html]);
}
