import { defaultKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { drawSelection, highlightSpecialChars, keymap } from '@codemirror/view';

/**
 * `codemirror`'s minimalSetup, copied (as its docs suggest) so that package is not imported:
 * its index also imports @codemirror/search for basicSetup, which pulled search into every
 * editor's chunk although the room loads it at first use (room/lazySearch.ts). Without its
 * history: every editor here is read-only or undoes through its room's Y.UndoManager
 * (y-codemirror.next's keymap), which takes back only this person's edits.
 */
export const minimalSetup: Extension = [
  highlightSpecialChars(),
  drawSelection(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  keymap.of(defaultKeymap),
];
