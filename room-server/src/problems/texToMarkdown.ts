/**
 * A crude LaTeX → Markdown conversion for ICPC/Kattis statements (problem.en.tex).
 * It aims at readable, not faithful: structure (sections, lists, emphasis, verbatim)
 * becomes Markdown, math is kept verbatim as `$…$`/`$$…$$` (rendered by KaTeX), every other command is
 * dropped and its argument kept. Safety does not depend on it: the result is rendered
 * by renderStatement like any statement.
 */

/** Marks a protected span; NULs are removed from the input first, so none can be forged. */
const HOLD = '\u0000';

export interface ConvertedStatement {
  markdown: string;
  /** From \problemname{…} or \begin{problem}{…}, when present. */
  title?: string;
}

export function texToMarkdown(tex: string): ConvertedStatement {
  const held: string[] = [];
  const hold = (markdown: string) => `${HOLD}${held.push(markdown) - 1}${HOLD}`;
  let title: string | undefined;

  // Optional arguments ([…]) are read up to 200 characters and blanks are matched only
  // from where they start: unbounded, an unclosed `[` or a long run of spaces made
  // these patterns quadratic (minutes for a 400 kB statement).
  let text = tex.replace(/\r\n?/g, '\n').replaceAll(HOLD, '');
  // Verbatim first: nothing inside it is LaTeX.
  text = text.replace(/\\begin\{verbatim\}\n?([\s\S]*?)\\end\{verbatim\}/g, (_, body: string) =>
    hold(`\n\n${fence(body.replace(/\n$/, ''))}\n\n`),
  );
  text = stripComments(text);
  text = text.replace(/\\problemname\{((?:[^{}]|\{[^{}]*\})*)\}/, (_, name: string) => {
    title = plainText(name);
    return '';
  });
  text = text.replace(/\\begin\{problem\}((?:\s*\{(?:[^{}]|\{[^{}]*\})*\})*)/g, (_, args: string) => {
    const first = /\{((?:[^{}]|\{[^{}]*\})*)\}/.exec(args)?.[1];
    if (first && !title) title = plainText(first);
    return '';
  });
  text = text.replace(/\\end\{problem\}/g, '');
  // Math, display before inline, held verbatim for KaTeX (math.ts) so `a_i` or `2^k` survive.
  text = text.replace(/\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]/g, (_, a?: string, b?: string) =>
    hold(`\n\n$$${(a ?? b ?? '').trim()}$$\n\n`),
  );
  text = text.replace(/(?<!\\)\$((?:\\\$|[^$])+?)\$|\\\(([\s\S]+?)\\\)/g, (_, a?: string, b?: string) =>
    hold(`$${(a ?? b ?? '').trim()}$`),
  );
  text = text.replace(/\\(sub){0,2}section\*?\{([^{}]*)\}/g, (whole: string, _sub, heading: string) => {
    const depth = 2 + (whole.match(/sub/g)?.length ?? 0);
    return `\n\n${'#'.repeat(depth)} ${heading.trim()}\n\n`;
  });
  text = text.replace(/\\begin\{figure\}[\s\S]*?\\end\{figure\}/g, '');
  text = text.replace(/\\(illustration|includegraphics|label)(\[[^\]]{0,200}\])?(\{[^{}]*\})*/g, '');
  text = convertLists(text, hold);
  text = convertFormatting(text, hold);
  text = text
    .replace(/\\\\(\[[^\]]{0,200}\])?[ \t]*\n?/g, '  \n')
    .replace(/\\(ldots|dots|cdots)\b/g, '…')
    .replace(/``|''/g, '"')
    .replace(/(?<!\\)~/g, ' ')
    .replace(/\\[,;:! ]/g, ' ')
    .replace(/\\([%&_#${}])/g, (_, c: string) => hold(c))
    // Any other command: drop it, keep its arguments' text.
    .replace(/\\[a-zA-Z]+\*?(\[[^\]]{0,200}\])?/g, '')
    .replace(/[{}]/g, '');
  // Trim source indentation (4 spaces would make a code block) before held spans come
  // back, so verbatim blocks and list nesting keep theirs.
  text = text
    .split('\n')
    .map((line) =>
      line
        .replace(/(?<![ \t])[ \t]+$/, (spaces) => (spaces.length >= 2 ? '  ' : ''))
        .replace(/^[ \t]+/, '')
        // Dropped commands leave runs of spaces behind.
        .replace(/(\S)[ \t]{2,}(?=\S)/g, '$1 '),
    )
    .join('\n');
  const heldSpan = new RegExp(`${HOLD}(\\d+)${HOLD}`, 'g');
  // Held spans can nest (\texttt inside \textbf); each pass settles one level.
  for (let pass = 0; pass < 10 && text.includes(HOLD); pass++) {
    text = text.replace(heldSpan, (_, i: string) => held[Number(i)] ?? '');
  }
  const markdown = text.replace(/\n{3,}/g, '\n\n').trim();
  return { markdown, ...(title ? { title } : {}) };
}

/** `%` starts a comment unless escaped as `\%`. */
function stripComments(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/(^|[^\\])%.*$/, '$1'))
    .join('\n');
}

function convertLists(text: string, hold: (markdown: string) => string): string {
  const stack: ('itemize' | 'enumerate')[] = [];
  // Each token eats the whitespace around it, so items stay one line apart (a tight list).
  // A match starts only where whitespace starts: trying `\s*` from inside every long run
  // of blanks was quadratic (400 kB of spaces: minutes).
  return text.replace(
    /(?:(?<!\s)\s+)?(?:\\begin\{(itemize|enumerate)\}|\\end\{(itemize|enumerate)\}|\\item\b)\s*/g,
    (_, begin?: string, end?: string) => {
      if (begin) {
        stack.push(begin as 'itemize' | 'enumerate');
        return stack.length === 1 ? '\n\n' : '';
      }
      if (end) {
        stack.pop();
        return stack.length === 0 ? '\n\n' : '';
      }
      const indent = '  '.repeat(Math.max(0, stack.length - 1));
      return `\n${hold(indent)}${stack.at(-1) === 'enumerate' ? '1. ' : '- '}`;
    },
  );
}

function convertFormatting(text: string, hold: (markdown: string) => string): string {
  const rules: [RegExp, (...groups: string[]) => string][] = [
    [/\\textbf\{([^{}]*)\}/g, (inner) => `**${inner.trim()}**`],
    [/\\(?:emph|textit)\{([^{}]*)\}/g, (inner) => `*${inner.trim()}*`],
    [/\\texttt\{([^{}]*)\}/g, (inner) => hold(inlineCode(plainText(inner)))],
    [/\\url\{([^{}]*)\}/g, (url) => hold(`<${url.trim()}>`)],
    [/\\href\{([^{}]*)\}\{([^{}]*)\}/g, (url, label) => hold(`[${label.trim()}](${url.trim()})`)],
  ];
  // Innermost first, until nothing changes, so \textbf{\emph{x}} works. Each pass reads
  // the whole text: past 10 levels (which no statement needs) the commands left are
  // dropped like unknown ones, or thousands of nested levels would take minutes.
  for (let changed = true, pass = 0; changed && pass < 10; pass++) {
    changed = false;
    for (const [pattern, replace] of rules) {
      const next = text.replace(pattern, (_, ...groups: string[]) => replace(...groups));
      if (next !== text) changed = true;
      text = next;
    }
  }
  return text;
}

/** LaTeX text with commands and braces removed, for titles. */
function plainText(tex: string): string {
  return tex
    .replace(/\\([%&_#${}])/g, '$1')
    .replace(/\\[a-zA-Z]+\*?/g, '')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Inline code that may itself contain backticks. */
function inlineCode(content: string): string {
  const code = content.replace(/\s+/g, ' ').trim();
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longestRun + 1);
  return longestRun > 0 ? `${ticks} ${code} ${ticks}` : `${ticks}${code}${ticks}`;
}

function fence(body: string): string {
  const longestRun = Math.max(0, ...(body.match(/`{3,}/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longestRun + 1));
  return `${ticks}\n${body}\n${ticks}`;
}
