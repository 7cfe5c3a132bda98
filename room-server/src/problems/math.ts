import katex from 'katex';
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';

/**
 * TeX in statements: `$…$` inline, `$$…$$` displayed (inline or as a block of its own
 * lines), rendered by KaTeX on the server. `trust: false` refuses \href, \url,
 * \includegraphics and \htmlClass/\htmlId/\htmlStyle/\htmlData, so nothing an author
 * writes becomes a link, a class, an id or a style; KaTeX escapes all text it emits.
 * Bad TeX renders as KaTeX's error span (the source, in red, with the message as title)
 * in its place. The output still goes through the statement sanitiser, whose KaTeX
 * allow-list is below.
 */
export function renderTex(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    throwOnError: false,
    // The theme's red, readable on the dark and the light background alike.
    errorColor: 'var(--danger)',
    trust: false,
    strict: 'ignore',
    // \rule and size commands beyond 10em are clamped; macros may expand 1000 times.
    maxSize: 10,
    maxExpand: 1000,
    output: 'htmlAndMathml',
  });
}

/**
 * Where inline math that opened at `from - 1` ends, as Pandoc reads it: a `$` after a
 * non-blank and not before a digit, so "costs $5 and $6" stays text. A backtick ends the
 * search, so code spans keep their dollars.
 */
function closingDollar(src: string, from: number, max: number): number {
  for (let pos = from; pos < max; pos++) {
    const ch = src[pos];
    if (ch === '\\') pos++;
    else if (ch === '`') return -1;
    else if (ch === '$') {
      const before = src[pos - 1] ?? '';
      const after = src[pos + 1] ?? '';
      if (pos > from && !/\s/.test(before) && !/\d/.test(after)) return pos;
    }
  }
  return -1;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src[pos] !== '$') return false;
  if (src.startsWith('$$', pos)) {
    const end = src.indexOf('$$', pos + 2);
    if (end < 0 || end === pos + 2 || end >= posMax) return false;
    if (!silent) state.push('math_display', 'math', 0).content = src.slice(pos + 2, end);
    state.pos = end + 2;
    return true;
  }
  if (/\s/.test(src[pos + 1] ?? ' ')) return false;
  const end = closingDollar(src, pos + 1, posMax);
  if (end < 0) return false;
  if (!silent) state.push('math_inline', 'math', 0).content = src.slice(pos + 1, end);
  state.pos = end + 1;
  return true;
}

/** `$$` opening a line, up to the line that ends with `$$` (the same line or a later one). */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineText = (line: number) =>
    state.src.slice((state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0), state.eMarks[line]);
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  const first = lineText(startLine).trimEnd();
  if (!first.startsWith('$$')) return false;
  if (silent) return true;
  let body: string;
  let last = startLine;
  if (first.length > 4 && first.endsWith('$$')) body = first.slice(2, -2);
  else {
    const lines = [first.slice(2)];
    for (last = startLine + 1; last < endLine; last++) {
      const text = lineText(last).trimEnd();
      if (text.endsWith('$$')) {
        lines.push(text.slice(0, -2));
        break;
      }
      lines.push(text);
    }
    if (last >= endLine) return false;
    body = lines.join('\n');
  }
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = body;
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, i) => renderTex(tokens[i]?.content ?? '', false);
  md.renderer.rules.math_display = (tokens, i) => renderTex(tokens[i]?.content ?? '', true);
  md.renderer.rules.math_block = (tokens, i) => `<p>${renderTex(tokens[i]?.content ?? '', true)}</p>\n`;
}

const LENGTH = /^-?(\d+\.?\d*|\.\d+)(em|ex|pt|px|%)?$/;
const BORDER_STYLE = /^(solid|dashed|dotted)$/;
// Authors' colours (KaTeX accepts only #hex and names) and the theme's red for errors.
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]+|var\(--danger\))$/i;

/**
 * What KaTeX's output needs from the sanitiser and no more: its MathML (for screen
 * readers), its spans with KaTeX's own class names and lengths/colours as inline
 * style, and the SVG paths it draws roots, arrows and braces with.
 */
export const KATEX_SANITIZE: {
  tags: string[];
  attributes: Record<string, string[]>;
  classes: string[];
  styles: Record<string, RegExp[]>;
} = {
  tags: [
    'span',
    ...'math semantics annotation mrow mi mn mo ms mtext mspace msqrt mroot mfrac msup msub msubsup munder mover munderover mtable mtr mtd mstyle mpadded mphantom menclose'.split(
      ' ',
    ),
    'svg',
    'path',
    'line',
  ],
  attributes: {
    span: ['class', 'style', 'aria-hidden', 'title'],
    math: ['xmlns', 'display'],
    annotation: ['encoding'],
    mi: ['mathvariant'],
    mn: ['mathvariant'],
    mtext: ['mathvariant'],
    mo: ['fence', 'stretchy', 'minsize', 'maxsize', 'separator', 'lspace', 'rspace', 'accent', 'movablelimits'],
    mover: ['accent'],
    munder: ['accentunder'],
    munderover: ['accent', 'accentunder'],
    mfrac: ['linethickness'],
    menclose: ['notation'],
    mstyle: ['mathcolor', 'scriptlevel', 'displaystyle'],
    mpadded: ['width', 'height', 'depth', 'lspace', 'voffset', 'mathbackground', 'style'],
    mspace: ['width', 'height', 'depth', 'mathbackground', 'linebreak'],
    mtable: ['rowspacing', 'columnalign', 'columnspacing', 'columnlines', 'rowlines', 'frame'],
    mtd: ['columnalign'],
    // Lower case: the sanitiser's parser reads names so, and browsers restore SVG's camel case.
    svg: ['xmlns', 'width', 'height', 'viewbox', 'preserveaspectratio', 'style'],
    path: ['d'],
    line: ['x1', 'y1', 'x2', 'y2', 'stroke-width'],
  },
  // KaTeX's class vocabulary (its stylesheet's selectors); nothing else may carry a class.
  classes: [
    ...'katex* m* vlist* reset-size* size* delim* text* col-align-* accent-* brace-* cancel-* cd-* halfarrow-* op-* x-arrow*'.split(
      ' ',
    ),
    ...'sizing fontsize-ensurer nulldelimiter frac-line sqrt hide-tail svg-align pstrut boldsymbol amsrm colorbox fcolorbox fbox boxpad arraycolsep vertical-separator small-op large-op stretchy overline-line underline-line rlap llap clap nobreak allowbreak newline angl anglpad eqn-num fleqn leqno reflectbox cancel sout xcancel bcancel tag root smash strut base'.split(
      ' ',
    ),
  ],
  styles: {
    height: [LENGTH],
    width: [LENGTH],
    'min-width': [LENGTH],
    'vertical-align': [LENGTH],
    top: [LENGTH],
    bottom: [LENGTH],
    'margin-left': [LENGTH],
    'margin-right': [LENGTH],
    'padding-left': [LENGTH],
    'border-width': [LENGTH],
    'border-top-width': [LENGTH],
    'border-right-width': [LENGTH],
    'border-bottom-width': [LENGTH],
    'border-style': [BORDER_STYLE],
    'border-top-style': [BORDER_STYLE],
    'border-right-style': [BORDER_STYLE],
    'border-bottom-style': [BORDER_STYLE],
    margin: [/^(-?(\d+\.?\d*|\.\d+)(em|ex|pt|px)? ?){1,4}$/],
    border: [/^(\d+\.?\d*|\.\d+)(em|pt|px)? (solid|dashed|dotted)( (#[0-9a-f]{3,8}|[a-z]+))?$/i],
    position: [/^(relative|absolute)$/],
    color: [COLOR],
    'background-color': [COLOR],
    'border-color': [COLOR],
  },
};
