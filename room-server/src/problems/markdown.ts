import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { KATEX_SANITIZE, mathPlugin } from './math.ts';

/**
 * Problem statements are written by authors but shown to everyone, inside the app's
 * origin: the HTML must not be able to run script, whatever the Markdown holds.
 * Two layers, so one mistake is not enough: markdown-it never passes raw HTML through
 * (`html: false` escapes it) and refuses javascript:/vbscript:/file:/data: links; then
 * sanitize-html re-parses the result and keeps only an allow-list of tags, attributes
 * and URL schemes. TeX (`$…$`, `$$…$$`) is rendered by KaTeX (math.ts), whose output
 * passes the same sanitiser with only what KaTeX needs added to the lists.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(mathPlugin);

const LINK_REL = 'noopener noreferrer nofollow';

/**
 * A link target we let through: absolute http(s) or mailto, a fragment, or a path on
 * this site. `/\evil.example` and `//evil.example` are excluded: browsers read both as
 * links to another host.
 */
function isSafeHref(href: string): boolean {
  if (/^(https?:\/\/|mailto:)/i.test(href)) return true;
  if (href.startsWith('#')) return true;
  if (/^\/(?![/\\])/.test(href)) return true;
  // A relative path: no scheme (no colon) and no backslash tricks.
  return href !== '' && !/[:\\]/.test(href) && !/^\s/.test(href);
}

/** Images load without a click, so only absolute http(s) sources (no data: payloads). */
function isSafeImageSrc(src: string): boolean {
  return /^https?:\/\/[^/\\]/i.test(src);
}

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'em',
    'strong',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'hr',
    'br',
    'img',
    ...KATEX_SANITIZE.tags,
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    ...KATEX_SANITIZE.attributes,
  },
  // Lets the web app highlight fenced code by language; only KaTeX's spans carry others.
  allowedClasses: { code: ['language-*'], span: [...KATEX_SANITIZE.classes] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowedStyles: { '*': KATEX_SANITIZE.styles },
  // Tags outside the list are dropped with their text for these, kept as text otherwise.
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href?.trim();
      const safe: sanitizeHtml.Attributes = { rel: LINK_REL };
      if (href && isSafeHref(href)) safe.href = href;
      if (attribs.title) safe.title = attribs.title;
      return { tagName, attribs: safe };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !isSafeImageSrc(frame.attribs.src?.trim() ?? ''),
};

/** Markdown → HTML that is safe to insert into the app's pages as is. */
export function renderStatement(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE_OPTIONS);
}
