import * as Y from 'yjs';
import { NOTES_TEXT } from '../NotesDoc.ts';

/** One logged update of a room's notes. */
export interface NotesEntry {
  seq: number;
  /** Server time, ms. */
  at: number;
  update: Uint8Array;
}

/** Updates between two checkpoints. */
const CHECKPOINT_EVERY = 250;

/**
 * The hosts' notes of a room through its session, for hosts' playback: the notes as
 * they were at any moment (the notes log starts from an empty doc and keeps every
 * update). Checkpoints every CHECKPOINT_EVERY updates keep a lookup short.
 */
export class NotesHistory {
  private readonly head = new Y.Doc();
  private readonly entries: NotesEntry[] = [];
  /** Checkpoint i holds the state after the first i * CHECKPOINT_EVERY updates. */
  private readonly checkpoints: Uint8Array[] = [Y.encodeStateAsUpdate(new Y.Doc())];

  get lastSeq(): number {
    return this.entries.length;
  }

  /** Appends the next updates of the notes log (from seq 1, without gaps). */
  extend(entries: Iterable<NotesEntry>): void {
    for (const entry of entries) {
      if (entry.seq !== this.lastSeq + 1) throw new Error(`notes: update ${entry.seq} does not follow ${this.lastSeq}`);
      Y.applyUpdate(this.head, entry.update);
      this.entries.push(entry);
      if (this.entries.length % CHECKPOINT_EVERY === 0) this.checkpoints.push(Y.encodeStateAsUpdate(this.head));
    }
  }

  /** The notes as they were at server time `at` (every update stored at or before it applied). */
  textAt(at: number): string {
    const count = this.countUntil(at);
    const checkpoint = Math.floor(count / CHECKPOINT_EVERY);
    const parts = [this.checkpoints[checkpoint] as Uint8Array];
    for (let i = checkpoint * CHECKPOINT_EVERY; i < count; i++) parts.push((this.entries[i] as NotesEntry).update);
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts));
      return doc.getText(NOTES_TEXT).toString();
    } finally {
      doc.destroy();
    }
  }

  /** How many updates were made at or before `at` (binary search: their times never decrease). */
  private countUntil(at: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.entries[middle] as NotesEntry).at <= at) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
