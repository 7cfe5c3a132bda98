import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { drawSelection, highlightSpecialChars, keymap } from '@codemirror/view';

/**
 * `codemirror`'s minimalSetup, copied (as its docs suggest) so that package is not imported:
 * its index also imports @codemirror/search for basicSetup, which pulled search into every
 * editor's chunk although the room loads it at first use (room/lazySearch.ts).
 */
export const minimalSetup: Extension = [
  highlightSpecialChars(),
  history(),
  drawSelection(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  keymap.of([...defaultKeymap, ...historyKeymap]),
];
