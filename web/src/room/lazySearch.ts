import { Compartment, type Extension } from '@codemirror/state';
import { type Command, EditorView, type KeyBinding, keymap } from '@codemirror/view';
import { loadOnce } from '../lib/loadOnce.ts';

type SearchModule = typeof import('@codemirror/search');

// A failed download is tried again at the next search key.
const loadSearch = loadOnce(() => import('@codemirror/search'));

const search = new Compartment();

/** Puts the real search keymap and selection-match highlighting in place of the stand-ins. */
function activate(view: EditorView): Promise<SearchModule> {
  return loadSearch().then((module) => {
    view.dispatch({
      effects: search.reconfigure([module.highlightSelectionMatches(), keymap.of(module.searchKeymap)]),
    });
    return module;
  });
}

/** A key of the search keymap until the package is there: loads it, then runs its command. */
function later(pick: (module: SearchModule) => Command): Command {
  return (view) => {
    activate(view).then(
      (module) => pick(module)(view),
      (err: unknown) => console.warn('Search could not be loaded', err),
    );
    return true;
  };
}

/** The keys of @codemirror/search's `searchKeymap` (Escape only closes its panel, which needs the package). */
const standIns: KeyBinding[] = [
  { key: 'Mod-f', run: later((m) => m.openSearchPanel), scope: 'editor search-panel' },
  {
    key: 'F3',
    run: later((m) => m.findNext),
    shift: later((m) => m.findPrevious),
    scope: 'editor search-panel',
    preventDefault: true,
  },
  {
    key: 'Mod-g',
    run: later((m) => m.findNext),
    shift: later((m) => m.findPrevious),
    scope: 'editor search-panel',
    preventDefault: true,
  },
  { key: 'Mod-Shift-l', run: later((m) => m.selectSelectionMatches) },
  { key: 'Mod-Alt-g', run: later((m) => m.gotoLine) },
  { key: 'Mod-d', run: later((m) => m.selectNextOccurrence), preventDefault: true },
];

/**
 * basicSetup's search (the find/replace panel, go to line, next occurrence, and the
 * highlighting of the selected word elsewhere), its package (≈ 7 KB compressed) loaded at the
 * first search key or the first text selected: most visits to a room never search.
 */
export const lazySearch: Extension = search.of([
  keymap.of(standIns),
  EditorView.updateListener.of((update) => {
    if (update.selectionSet && update.state.selection.ranges.some((range) => !range.empty)) {
      activate(update.view).catch((err: unknown) => console.warn('Search could not be loaded', err));
    }
  }),
]);
