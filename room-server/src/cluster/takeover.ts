import * as Y from 'yjs';
import type { Author } from '../rooms/RoomUpdateRepository.ts';

/** An update from the room's stream that a new holder may have to store. */
export interface CatchUpEntry {
  /** Its stream id. */
  id: string;
  author: Author;
  update: Uint8Array;
}

/** An update the new holder appends to the log, in this order. */
export interface PlannedEntry {
  author: Author;
  update: Uint8Array;
  /** The stream entry it came from (none: the doc's own catch-up diff). */
  source?: string;
}

/** Who wrote which Yjs client's changes, learned from attributed updates. */
export class ClientAuthors {
  private readonly authors = new Map<number, Author>();
  private latest: Author | null = null;

  learn(update: Uint8Array, author: Author): void {
    for (const client of Y.parseUpdateMeta(update).from.keys()) {
      if (!this.authors.has(client)) this.authors.set(client, author);
    }
    this.latest = author;
  }

  /**
   * The author of an update gathered from several (a catch-up diff): the author of its
   * first client known here, else the latest author seen, else null.
   */
  of(update: Uint8Array): Author | null {
    for (const client of Y.parseUpdateMeta(update).from.keys()) {
      const author = this.authors.get(client);
      if (author) return author;
    }
    return this.latest;
  }
}

/** Stands for the author of content nobody here knows the author of (never seen in practice: see planTakeover). */
export const UNKNOWN_AUTHOR: Author = { guest: 'unknown' };

/**
 * What a server that just took a room's storage lease must append so that the log holds
 * everything it knows, once: the stream entries after the last one the previous holder
 * marked stored (it may have stored some more before dying: each is checked against the
 * stored state, and only one that adds something is kept, with its author), then
 * whatever the server's doc holds beyond that (content no stream entry carries any more,
 * e.g. after Redis lost its data), attributed by its Yjs client's known author.
 */
export function planTakeover(input: {
  /** The room's state as stored (snapshot plus log), one update. */
  stored: Uint8Array;
  /** Stream entries not known to be stored, in stream order. */
  entries: readonly CatchUpEntry[];
  /** This server's doc of the room. */
  doc: Y.Doc;
  /** Its own peers' updates on their way through the stream (logged when they come back, not here). */
  coming: readonly Uint8Array[];
  authors: ClientAuthors;
}): PlannedEntry[] {
  const mirror = new Y.Doc();
  Y.applyUpdate(mirror, input.stored);
  let changed = false;
  mirror.on('update', () => {
    changed = true;
  });
  /** Whether the update changes the mirror, or waits in it for a part not stored yet (logged too: a later entry needs it). */
  const adds = (update: Uint8Array): boolean => {
    changed = false;
    const before = pendingSize(mirror);
    Y.applyUpdate(mirror, update);
    return changed || pendingSize(mirror) !== before;
  };
  const planned: PlannedEntry[] = [];
  for (const entry of input.entries) {
    if (adds(entry.update)) planned.push({ author: entry.author, update: entry.update, source: entry.id });
  }
  for (const update of input.coming) Y.applyUpdate(mirror, update);
  const beyond = Y.encodeStateAsUpdate(input.doc, Y.encodeStateVector(mirror));
  if (adds(beyond)) planned.push({ author: input.authors.of(beyond) ?? UNKNOWN_AUTHOR, update: beyond });
  mirror.destroy();
  return planned;
}

function pendingSize(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);
}
