import { DocKeys } from '@codestream/shared';
import * as Y from 'yjs';
import { type CodeEdit, observeCodeEdits } from './codeEdits.ts';

/** One logged update as playback reads it: `author` is an author key (see authorKey). */
export interface PlaybackEntry {
  seq: number;
  /** Server time, ms. */
  at: number;
  author: string;
  update: Uint8Array;
}

/** A stretch of the code written by one author (null: the room's starter code). */
export interface AuthorSpan {
  from: number;
  to: number;
  author: string | null;
}

/** The room's documents after update `seq`, who wrote each part, and what that update changed. */
export interface PlaybackMoment {
  seq: number;
  at: number;
  code: string;
  stdin: string;
  spans: AuthorSpan[];
  /** The edit of update `seq` to the code (null at the base, or when it changed only stdin). */
  edit: (CodeEdit & { author: string }) | null;
}

export interface PlaybackBase {
  /** The last logged update the base includes (0: the room's seed). */
  seq: number;
  at: number;
  /** The whole document as one Yjs update. */
  doc: Uint8Array;
}

/** Updates between two checkpoints: a moment applies fewer than this many to a checkpoint. */
export const DEFAULT_CHECKPOINT_EVERY = 250;

/**
 * A room's history, for seeking: every logged update after a base in order, and the Yjs
 * state every `checkpointEvery` updates. A moment is rebuilt from the checkpoint at or
 * before it plus the updates between, in a fresh doc.
 * Yjs client ids are mapped to the author of the first update that carried them, so each
 * character of a moment is attributed to the person who typed it.
 */
export class PlaybackIndex {
  private readonly head = new Y.Doc();
  private readonly entries: PlaybackEntry[] = [];
  /** Checkpoint i holds the state after update base.seq + i * checkpointEvery. */
  private readonly checkpoints: Uint8Array[] = [];
  private readonly authorOfClient = new Map<number, string>();

  constructor(
    readonly base: PlaybackBase,
    readonly checkpointEvery = DEFAULT_CHECKPOINT_EVERY,
  ) {
    Y.applyUpdate(this.head, base.doc);
    this.checkpoints.push(base.doc);
  }

  get firstSeq(): number {
    return this.base.seq;
  }

  get lastSeq(): number {
    return this.base.seq + this.entries.length;
  }

  /** The updates after the base, in order. */
  get updates(): readonly PlaybackEntry[] {
    return this.entries;
  }

  /** Appends the next updates of the log (their seqs must follow lastSeq without gaps). */
  extend(entries: Iterable<PlaybackEntry>): void {
    for (const entry of entries) {
      if (entry.seq !== this.lastSeq + 1) {
        throw new Error(`playback: update ${entry.seq} does not follow ${this.lastSeq}`);
      }
      for (const client of Y.parseUpdateMeta(entry.update).from.keys()) {
        if (!this.authorOfClient.has(client)) this.authorOfClient.set(client, entry.author);
      }
      Y.applyUpdate(this.head, entry.update);
      this.entries.push(entry);
      if (this.entries.length % this.checkpointEvery === 0) this.checkpoints.push(Y.encodeStateAsUpdate(this.head));
    }
  }

  /** The moment after update `seq` (clamped to the history held). */
  moment(seq: number): PlaybackMoment {
    const target = Math.min(this.lastSeq, Math.max(this.firstSeq, Math.floor(seq)));
    const offset = target - this.base.seq;
    const entry = offset > 0 ? (this.entries[offset - 1] as PlaybackEntry) : null;
    // The state before update `seq`, then that update with an observer: what it changed
    // is computed here, for one update, rather than for every update while indexing.
    const before = entry ? offset - 1 : offset;
    const checkpoint = Math.floor(before / this.checkpointEvery);
    const parts = [this.checkpoints[checkpoint] as Uint8Array];
    for (let i = checkpoint * this.checkpointEvery; i < before; i++) {
      parts.push((this.entries[i] as PlaybackEntry).update);
    }
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts));
      const code = doc.getText(DocKeys.code);
      let edit: CodeEdit | null = null;
      if (entry) {
        observeCodeEdits(code, (change) => {
          edit = change;
        });
        Y.applyUpdate(doc, entry.update);
      }
      const shown = edit as CodeEdit | null;
      return {
        seq: target,
        at: entry?.at ?? this.base.at,
        code: code.toString(),
        stdin: doc.getText(DocKeys.stdin).toString(),
        spans: this.spansOf(code),
        edit: entry && shown ? { ...shown, author: entry.author } : null,
      };
    } finally {
      doc.destroy();
    }
  }

  /** Consecutive characters of `text` by the same author, merged. */
  private spansOf(text: Y.Text): AuthorSpan[] {
    const spans: AuthorSpan[] = [];
    let position = 0;
    for (let item = text._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue;
      const author = this.authorOfClient.get(item.id.client) ?? null;
      const last = spans.at(-1);
      if (last && last.author === author) last.to += item.length;
      else spans.push({ from: position, to: position + item.length, author });
      position += item.length;
    }
    return spans;
  }
}
