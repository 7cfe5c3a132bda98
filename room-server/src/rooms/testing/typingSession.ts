import { DocKeys } from '@codestream/shared';
import * as Y from 'yjs';
import type { PlaybackEntry } from '../playback/PlaybackIndex.ts';
import type { RoomSnapshot } from '../RoomSnapshotRepository.ts';
import { seedDoc } from '../seedDoc.ts';

export interface TypingSessionOptions {
  /** How many logged updates (keystrokes, pastes, deletions). */
  updates: number;
  /** Author keys; each types in bursts from its own Y.Doc (its own Yjs client id). */
  authors: readonly string[];
  durationMs: number;
  startAt: number;
  /** Seqs whose exact code text to keep (every seq when omitted: small sessions only). */
  keepTextsAt?: Iterable<number>;
  /** A snapshot of the room's doc every this many updates, as the room writes them. */
  snapshotEvery?: number;
  randomSeed?: number;
}

export interface TypingSession {
  /** The room's seed (seq 0). */
  seed: Uint8Array;
  entries: PlaybackEntry[];
  snapshots: Omit<RoomSnapshot, 'room'>[];
  /** The code as every author's editor had it after update seq (0: the seed). */
  texts: Map<number, string>;
}

/** mulberry32: a small deterministic PRNG, so a failing session can be generated again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz_ (){}[]=+-*/:,.0123456789';

/**
 * A generated editing session as a room would log it: authors taking turns in bursts of
 * keystrokes (one update each), with pastes, backspaces and deleted selections, typing
 * pauses and a few long idle stretches, spread over `durationMs`. Every update goes to
 * the other authors' docs at once, as a room relays it; snapshots are taken as the room takes them.
 */
export function typingSession(options: TypingSessionOptions): TypingSession {
  const rand = random(options.randomSeed ?? 1);
  const pick = (n: number) => Math.floor(rand() * n);
  const seed = seedDoc('python');
  const docs = options.authors.map(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seed);
    return doc;
  });
  const keep = options.keepTextsAt ? new Set(options.keepTextsAt) : null;
  const texts = new Map<number, string>();
  if (!keep || keep.has(0)) texts.set(0, (docs[0] as Y.Doc).getText(DocKeys.code).toString());

  const gaps: number[] = [];
  const cursors = docs.map(() => 0);
  const raw: Omit<PlaybackEntry, 'at'>[] = [];
  let writer = 0;
  let burstLeft = 0;
  for (let seq = 1; seq <= options.updates; seq++) {
    if (burstLeft === 0) {
      writer = pick(docs.length);
      burstLeft = 20 + pick(200);
      // A pause between bursts: mostly seconds, sometimes a long idle stretch.
      gaps.push(rand() < 0.05 ? 60_000 + pick(120_000) : 1_000 + pick(15_000));
    } else gaps.push(80 + pick(250));
    burstLeft--;
    const doc = docs[writer] as Y.Doc;
    const text = doc.getText(DocKeys.code);
    const length = text.length;
    const cursor = Math.min(cursors[writer] as number, length);
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => {
      update = u;
    };
    doc.on('update', capture);
    const roll = rand();
    if (roll < 0.1 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursors[writer] = cursor - 1;
    } else if (roll < 0.12 && length > 40) {
      const from = pick(length - 20);
      text.delete(from, 1 + pick(20));
      cursors[writer] = from;
    } else if (roll < 0.14) {
      const pasted = Array.from({ length: 20 + pick(60) }, () => LETTERS[pick(LETTERS.length)]).join('');
      text.insert(cursor, pasted);
      cursors[writer] = cursor + pasted.length;
    } else if (roll < 0.16 && length > 0) {
      // Moves the caret somewhere else and types there.
      cursors[writer] = pick(length + 1);
      text.insert(cursors[writer] as number, '\n');
      cursors[writer] = (cursors[writer] as number) + 1;
    } else {
      text.insert(cursor, rand() < 0.08 ? '\n' : (LETTERS[pick(LETTERS.length)] as string));
      cursors[writer] = cursor + 1;
    }
    doc.off('update', capture);
    if (!update) throw new Error('typingSession: an edit made no update');
    for (const other of docs) if (other !== doc) Y.applyUpdate(other, update);
    raw.push({ seq, author: options.authors[writer] as string, update });
    if (!keep || keep.has(seq)) texts.set(seq, text.toString());
  }

  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  let at = options.startAt;
  const entries = raw.map((entry, i) => {
    at += ((gaps[i] as number) * options.durationMs) / total;
    return { ...entry, at: Math.round(at) };
  });
  const snapshotEvery = options.snapshotEvery ?? 500;
  const snapshots: Omit<RoomSnapshot, 'room'>[] = [];
  const replay = new Y.Doc();
  Y.applyUpdate(replay, seed);
  for (const entry of entries) {
    Y.applyUpdate(replay, entry.update);
    if (entry.seq % snapshotEvery === 0) {
      snapshots.push({ seq: entry.seq, at: new Date(entry.at), doc: Y.encodeStateAsUpdate(replay) });
    }
  }
  for (const doc of [replay, ...docs]) doc.destroy();
  return { seed, entries, snapshots, texts };
}
