import { describe, expect, it } from 'vitest';
import { renderStatement } from './markdown.ts';

/** Payloads from XSS cheat sheets, as Markdown authors could write them. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=5></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<a href=" javascript:alert(1)">spaced</a>',
  '<a href="jav&#x0A;ascript:alert(1)">entity newline</a>',
  '<!-- <script>alert(1)</script> -->',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<details open ontoggle=alert(1)>x</details>',
  '<object data="javascript:alert(1)"></object>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](jav&#x09;ascript:alert(1))',
  '[x](<java script:alert(1)>)',
  '[x]( javascript:alert(1))',
  '[x](javascript://%0aalert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x]: javascript:alert(1)\n\nreference [x]',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<vbscript:msgbox(1)>',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '![x](x" onerror="alert(1))',
  '![x](https://ok.example/a.png "t\\" onerror=\\"alert(1)")',
  '[x](https://ok.example" onmouseover="alert(1))',
  '[x](//evil.example/path)',
  '[x](/\\evil.example)',
  '*<img src=x onerror=alert(1)>*',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
];

interface Tag {
  name: string;
  attributes: Map<string, string>;
}

/**
 * The real tags of an output and their attributes. Raw HTML from the input only ever
 * appears escaped, as text, and sanitize-html writes every value in double quotes with
 * `"` escaped, so this simple reading is exact for its output.
 */
function tagsOf(html: string): Tag[] {
  return (html.match(/<[^>]*>/g) ?? []).map((tag) => {
    const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase() ?? tag;
    const attributes = new Map<string, string>();
    for (const [, attr = '', value = ''] of tag.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) {
      attributes.set(attr.toLowerCase(), value.replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
    }
    return { name, attributes };
  });
}

const ALLOWED: Record<string, string[]> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title'],
  ol: ['start'],
  code: ['class'],
};
const ALLOWED_TAGS = new Set(
  'p h1 h2 h3 h4 h5 h6 em strong s code pre blockquote ul ol li a table thead tbody tr th td hr br img'.split(' '),
);

describe('renderStatement refuses script', () => {
  it('has at least 25 payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(PAYLOADS)('neutralises %j', (payload) => {
    const html = renderStatement(payload);
    expect(html).not.toMatch(/<script/i);
    for (const { name, attributes } of tagsOf(html)) {
      expect(ALLOWED_TAGS, name).toContain(name);
      for (const [attr, value] of attributes) {
        expect(ALLOWED[name] ?? [], `${name} ${attr}`).toContain(attr);
        expect(attr).not.toMatch(/^on/);
        if (attr === 'href' || attr === 'src') {
          expect(value).not.toMatch(/^\s*(javascript|vbscript|data)\s*:/i);
          // Protocol-relative: a link to another host that looks like a path.
          expect(value).not.toMatch(/^\s*(\/\/|\/\\|\\)/);
        }
        if (attr === 'src') expect(value).toMatch(/^https?:\/\//);
      }
    }
  });

  it('would notice an unsafe tag (the check above can fail)', () => {
    const [img] = tagsOf('<img src=x onerror=alert(1) style="x">');
    expect([...(img?.attributes.keys() ?? [])]).toEqual(['src', 'onerror', 'style']);
  });

  it('shows raw HTML as text instead of dropping it silently', () => {
    expect(renderStatement('<b>bold?</b>')).toBe('<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n');
  });
});

describe('renderStatement keeps ordinary Markdown', () => {
  it('renders headings, emphasis, lists and code', () => {
    const html = renderStatement(
      '# Title\n\nSome *emphasis*, **strong** and `code`.\n\n- one\n- two\n\n3. three\n4. four\n\n```python\nprint(1 < 2)\n```\n\n> quoted\n\n---',
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<em>emphasis</em>');
    expect(html).toContain('<strong>strong</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<pre><code class="language-python">print(1 &lt; 2)\n</code></pre>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<hr />');
  });

  it('keeps safe links, with rel added', () => {
    const html = renderStatement(
      '[site](https://example.com/a?b=1) [mail](mailto:a@example.com) [here](#input) [page](/problems/x) <https://auto.example>',
    );
    expect(html).toContain('<a rel="noopener noreferrer nofollow" href="https://example.com/a?b=1">site</a>');
    expect(html).toContain('href="mailto:a@example.com"');
    expect(html).toContain('href="#input"');
    expect(html).toContain('href="/problems/x"');
    expect(html).toContain('href="https://auto.example"');
  });

  it('keeps https images and tables', () => {
    const html = renderStatement('![graph](https://example.com/g.png)\n\n| n | answer |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<img src="https://example.com/g.png" alt="graph" />');
    expect(html).toMatch(/<table>[\s\S]*<th>n<\/th>[\s\S]*<td>2<\/td>/);
  });

  it('leaves plain URLs as text (linkify is off)', () => {
    expect(renderStatement('see https://example.com')).toBe('<p>see https://example.com</p>\n');
  });
});
