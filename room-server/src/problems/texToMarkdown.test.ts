import { describe, expect, it } from 'vitest';
import { renderStatement } from './markdown.ts';
import { texToMarkdown } from './texToMarkdown.ts';

describe('texToMarkdown', () => {
  it('takes the title from \\problemname and drops the problem environment', () => {
    const { markdown, title } = texToMarkdown(
      '\\problemname{Hello \\emph{World}}\n\\begin{problem}{Other}{standard input}{standard output}\nSay hi.\n\\end{problem}',
    );
    expect(title).toBe('Hello World');
    expect(markdown).toBe('Say hi.');
  });

  it('falls back to the first argument of \\begin{problem} for the title', () => {
    expect(texToMarkdown('\\begin{problem}{Sum}{in}{out}\nx\n\\end{problem}').title).toBe('Sum');
  });

  it('turns sections into headings', () => {
    const { markdown } = texToMarkdown('Intro.\n\\section*{Input}\nA line.\n\\subsection{Limits}\nSmall.');
    expect(markdown).toBe('Intro.\n\n## Input\n\nA line.\n\n### Limits\n\nSmall.');
  });

  it('keeps math verbatim as TeX for KaTeX', () => {
    const { markdown } = texToMarkdown('Given $1 \\le n \\le 10^5$ and $$\\sum_{i} a_i$$ or \\( x_1 \\).');
    expect(markdown).toBe('Given $1 \\le n \\le 10^5$ and \n\n$$\\sum_{i} a_i$$\n\n or $x_1$.');
    const html = renderStatement(markdown);
    expect(html.match(/class="katex"/g)).toHaveLength(3);
    expect(html).not.toMatch(/\$/);
  });

  it('converts emphasis, monospace, links and escapes', () => {
    const { markdown } = texToMarkdown(
      '\\textbf{bold \\emph{both}}, \\textit{it}, \\texttt{int64}, \\url{https://a.example}, \\href{https://b.example}{B}, 50\\% \\& \\_ \\#1',
    );
    expect(markdown).toBe('**bold *both***, *it*, `int64`, <https://a.example>, [B](https://b.example), 50% & _ #1');
  });

  it('converts nested lists', () => {
    const { markdown } = texToMarkdown(
      '\\begin{itemize}\n\\item one\n\\item two\n\\begin{enumerate}\n\\item inner\n\\end{enumerate}\n\\end{itemize}\nAfter.',
    );
    expect(markdown).toBe('- one\n- two\n  1. inner\n\nAfter.');
  });

  it('keeps verbatim blocks untouched, comments and all', () => {
    const { markdown } = texToMarkdown('% hidden\nText % gone\n\\begin{verbatim}\n  $x$ % kept\n\\end{verbatim}');
    expect(markdown).toBe('Text\n\n```\n  $x$ % kept\n```');
  });

  it('drops figures, illustrations and unknown commands but keeps their text', () => {
    const { markdown } = texToMarkdown(
      '\\illustration{0.3}{pic.png}{Caption}\\begin{figure}\\includegraphics{x.png}\\end{figure}\\unknown{kept} \\noindent text~here\\\\next',
    );
    expect(markdown).toBe('kept text here  \nnext');
  });

  it('converts formatting nested thousands deep in one bounded pass count, keeping the text', () => {
    const depth = 40_000;
    const started = performance.now();
    const { markdown } = texToMarkdown(`${'\\textbf{'.repeat(depth)}deep${'}'.repeat(depth)}`);
    // Pass after pass over the whole text took minutes at this depth.
    expect(performance.now() - started).toBeLessThan(2_000);
    // Ten levels become bold; the commands left are dropped like unknown ones.
    expect(markdown).toBe(`${'**'.repeat(10)}deep${'**'.repeat(10)}`);
  });

  it('converts long runs of blanks and unclosed optional arguments in linear time', () => {
    const started = performance.now();
    const { markdown } = texToMarkdown(`${' '.repeat(200_000)}word${'\\a['.repeat(50_000)}`);
    // Patterns that retried from inside every run took minutes on this.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(markdown).toBe(`word${'['.repeat(50_000)}`);
  });

  it('produces Markdown that renders without raw HTML', () => {
    const { markdown } = texToMarkdown('<script>alert(1)</script> \\textbf{<img src=x onerror=alert(1)>}');
    const html = renderStatement(markdown);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
  });
});
