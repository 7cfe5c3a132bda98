import { StreamLanguage, type StreamParser } from '@codemirror/language';

/**
 * A CodeMirror 5-style mode of @codemirror/legacy-modes as a CodeMirror 6 language.
 * A module of its own so the modes' chunks import just this adapter: a dynamic import of
 * @codemirror/language itself would keep all of that package in the editor's chunk.
 */
export function legacyLanguage(parser: StreamParser<unknown>): StreamLanguage<unknown> {
  return StreamLanguage.define(parser);
}
