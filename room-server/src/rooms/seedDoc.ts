import { DocKeys, findLanguage, type LanguageId } from '@codestream/shared';
import * as Y from 'yjs';

/**
 * The first state of a new room: the problem's starter code or else the language's
 * template (the language itself is kept on the room's record). Made once, when the room
 * is created, so every later load applies the same stored update and no two loads can
 * seed the template twice.
 */
export function seedDoc(language: LanguageId, starterCode?: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(DocKeys.code).insert(0, starterCode ?? findLanguage(language)?.template ?? '');
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
