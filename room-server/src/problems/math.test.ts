import { describe, expect, it } from 'vitest';
import { renderStatement } from './markdown.ts';
import { KATEX_SANITIZE, renderTex } from './math.ts';

/** Formulas covering what KaTeX draws with spans, MathML, SVG paths/lines, colours and borders. */
const FORMULAS = [
  'a+b',
  '1 \\le n \\le 10^5',
  '\\sqrt{x^2}',
  '\\sqrt[3]{x}',
  '\\frac{1}{2}',
  '\\binom{n}{k}',
  '\\sum_{i=1}^n a_i',
  '\\left(\\frac{a}{b}\\right)',
  '\\overrightarrow{AB}',
  '\\widehat{abc}',
  '\\underbrace{abc}',
  '\\xrightarrow{abc}',
  '\\cancel{x}',
  '\\not=',
  '\\boxed{x}',
  '\\color{red}{x}',
  '\\colorbox{red}{x}',
  '\\fcolorbox{red}{blue}{x}',
  '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}',
  '\\begin{cases}a&b\\\\c&d\\end{cases}',
  '\\begin{array}{|c|c|}\\hline a&b\\\\\\hdashline\\end{array}',
  '\\mathbb{R} \\mathcal{O}(n \\log n) \\mathrm{d}x',
  '\\hspace{3em}\\rule{1em}{2em}',
  '\\text{if } x > 0',
];

/** The sanitiser's serialisation differs from KaTeX's in spelling only. */
const spelling = (html: string) =>
  html
    .replace(/;"/g, '"')
    .replace(/border: /g, 'border:')
    .replace(/<(path|line|mspace)([^>]*)\/>/g, '<$1$2></$1>')
    .replace(/viewBox/g, 'viewbox')
    .replace(/preserveAspectRatio/g, 'preserveaspectratio')
    .replace(/&#x27;/g, "'");

describe('TeX in statements', () => {
  it.each(FORMULAS)('keeps all of KaTeX’s output for %s', (tex) => {
    expect(spelling(renderStatement(`$${tex}$`))).toBe(`<p>${spelling(renderTex(tex, false))}</p>\n`);
    expect(spelling(renderStatement(`$$${tex}$$`))).toBe(`<p>${spelling(renderTex(tex, true))}</p>\n`);
  });

  it('renders inline and block math, and leaves prices, escaped dollars and code alone', () => {
    const html = renderStatement('Given $a_i$, costs $5 and $6, \\$x\\$ and `$y$`.\n\n$$\n\\sum_i a_i\n$$\n\nAfter.');
    expect(html).toMatch(
      /^<p>Given <span class="katex">.*<mi>a<\/mi>.*<\/span>, costs \$5 and \$6, \$x\$ and <code>\$y\$<\/code>\.<\/p>/s,
    );
    expect(html).toContain('<p><span class="katex-display">');
    expect(html).toContain('<annotation encoding="application/x-tex">\n\\sum_i a_i\n</annotation>');
    expect(html).toContain('<p>After.</p>');
  });

  it('shows bad TeX as an error in its place and renders the rest', () => {
    const html = renderStatement('Before $\\frac{1}{$ and $x$ after.');
    expect(html).toMatch(
      /^<p>Before <span class="katex-error" title="ParseError: [^"]*" style="color:var\(--danger\)">\\frac\{1\}\{<\/span> and <span class="katex">/,
    );
    expect(html).toContain(' after.</p>');
  });
});

/** TeX that would emit links, classes, styles or markup if KaTeX trusted it or the sanitiser let it. */
const TEX_PAYLOADS = [
  '\\href{javascript:alert(1)}{click}',
  '\\url{javascript:alert(1)}',
  '\\href{https://evil.example}{x}',
  '\\includegraphics{https://evil.example/x.png}',
  '\\htmlClass{app-header}{x}',
  '\\htmlId{login-submit}{x}',
  '\\htmlStyle{position:fixed;inset:0;background:url(javascript:alert(1))}{x}',
  '\\htmlData{foo=bar}{x}',
  '\\text{<script>alert(1)</script>}',
  '<img src=x onerror=alert(1)>',
  '\\text{</span><img src=x onerror=alert(1)>}',
  '\\color{red;background:url(javascript:alert(1))}{x}',
  '\\colorbox{url(javascript:alert(1))}{x}',
  '\\def\\a{\\a\\a}\\a',
  '\\rule{100000em}{100000em}',
  '\\mathrm{"><svg onload=alert(1)>}',
  '\\operatorname{<iframe src=javascript:alert(1)>}',
  '\\verb|<script>alert(1)</script>|',
];

const allowedClass = (name: string) =>
  KATEX_SANITIZE.classes.some((pattern) =>
    pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern,
  );

describe('TeX in statements stays harmless', () => {
  it.each(TEX_PAYLOADS.flatMap((tex) => [`$${tex}$`, `$$${tex}$$`, `$$\n${tex}\n$$`]))('neutralises %j', (source) => {
    const html = renderStatement(source);
    // Only tags matter: the source comes back as escaped text (annotation, error spans and their title).
    const tags = (html.match(/<[^>]*>/g) ?? []).join('\n').replace(/\stitle="[^"]*"/g, '');
    expect(tags).not.toMatch(/<(script|img|iframe|a|style)\b/i);
    expect(tags).not.toMatch(/\son[a-z]+=/i);
    expect(tags).not.toMatch(/\s(href|src|id|data-[a-z]+)=/i);
    expect(tags).not.toMatch(/javascript:|url\(/i);
    expect(tags).not.toMatch(/position:fixed|inset/);
    for (const [, classes = ''] of tags.matchAll(/\sclass="([^"]*)"/g)) {
      for (const name of classes.split(' ')) expect(allowedClass(name), name).toBe(true);
    }
    for (const [, style = ''] of tags.matchAll(/\sstyle="([^"]*)"/g)) {
      for (const rule of style.split(';')) {
        const property = rule.split(':')[0] ?? '';
        expect(Object.keys(KATEX_SANITIZE.styles), property).toContain(property);
      }
    }
    // \rule is clamped to maxSize instead of covering the page.
    for (const [, size = ''] of tags.matchAll(/(?:width|height):(\d+(?:\.\d+)?)em/g)) {
      expect(Number(size)).toBeLessThanOrEqual(10);
    }
  });
});
