import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/**
 * The editors' colours, One Dark's roles drawn from CSS variables (--syn-*, --cm-*) that
 * styles.css sets for the dark and the light theme: switching the theme recolours every
 * open editor without reconfiguring it.
 */
const chrome = EditorView.theme({
  '&': { color: 'var(--syn-plain)' },
  '.cm-content': { caretColor: 'var(--cm-cursor)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--cm-cursor)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: 'var(--cm-selection)' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
  '.cm-searchMatch': { backgroundColor: 'var(--cm-search)', outline: '1px solid var(--cm-search-outline)' },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
  '.cm-selectionMatch': { backgroundColor: 'var(--cm-selection-match)' },
  '&.cm-focused .cm-matchingBracket, &.cm-focused .cm-nonmatchingBracket': { backgroundColor: 'var(--cm-bracket)' },
  '.cm-gutters': { color: 'var(--syn-comment)', border: 'none' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cm-active-gutter)' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-foldPlaceholder': { backgroundColor: 'transparent', border: 'none', color: 'var(--muted)' },
  '.cm-tooltip': { border: '1px solid var(--border)', backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--surface-3)', color: 'var(--text)' },
});

const highlighting = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--syn-keyword)' },
  { tag: [tags.name, tags.deleted, tags.character, tags.propertyName, tags.macroName], color: 'var(--syn-name)' },
  { tag: [tags.function(tags.variableName), tags.labelName], color: 'var(--syn-function)' },
  { tag: [tags.color, tags.constant(tags.name), tags.standard(tags.name)], color: 'var(--syn-constant)' },
  { tag: [tags.definition(tags.name), tags.separator], color: 'var(--syn-plain)' },
  {
    tag: [
      tags.typeName,
      tags.className,
      tags.number,
      tags.changed,
      tags.annotation,
      tags.modifier,
      tags.self,
      tags.namespace,
    ],
    color: 'var(--syn-type)',
  },
  {
    tag: [
      tags.operator,
      tags.operatorKeyword,
      tags.url,
      tags.escape,
      tags.regexp,
      tags.link,
      tags.special(tags.string),
    ],
    color: 'var(--syn-operator)',
  },
  { tag: [tags.meta, tags.comment], color: 'var(--syn-comment)' },
  { tag: tags.strong, fontWeight: 'bold' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: tags.link, color: 'var(--syn-comment)', textDecoration: 'underline' },
  { tag: tags.heading, fontWeight: 'bold', color: 'var(--syn-name)' },
  { tag: [tags.atom, tags.bool, tags.special(tags.variableName)], color: 'var(--syn-constant)' },
  { tag: [tags.processingInstruction, tags.string, tags.inserted], color: 'var(--syn-string)' },
  { tag: tags.invalid, color: 'var(--syn-invalid)' },
]);

export const editorColors = [chrome, syntaxHighlighting(highlighting)];
