import type { AwarenessCursor, AwarenessUser } from '@codestream/shared';
import * as Y from 'yjs';

/**
 * Where `personId`'s cursor is in `ytext`, from the room's awareness states (the server
 * puts the person's id on each of their tabs' states; y-codemirror.next's `cursor.head`
 * is a Y.RelativePosition as JSON): the most recently moved one of their tabs, or null
 * when none of them has a cursor in this text.
 */
export function cursorIndexOf(
  states: ReadonlyMap<number, Record<string, unknown>>,
  clocks: ReadonlyMap<number, { clock: number }>,
  personId: string,
  ytext: Y.Text,
): number | null {
  const doc = ytext.doc;
  if (!doc) return null;
  let found: { index: number; clock: number } | null = null;
  for (const [clientId, state] of states) {
    const user = state.user as AwarenessUser | undefined;
    const cursor = state.cursor as AwarenessCursor | null | undefined;
    if (user?.id !== personId || !cursor) continue;
    const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.head), doc);
    if (!absolute || absolute.type !== ytext) continue;
    const clock = clocks.get(clientId)?.clock ?? 0;
    if (!found || clock > found.clock) found = { index: absolute.index, clock };
  }
  return found?.index ?? null;
}
