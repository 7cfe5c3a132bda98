import { z } from 'zod';
import type { RoomEvent } from '../rooms/RoomEventRepository.ts';
import type { Author } from '../rooms/RoomUpdateRepository.ts';

/**
 * What a room's Redis stream carries, in the order Redis took it (one total order for
 * every server of the room, as y-redis keeps a doc's updates):
 * - `update`: an update a server accepted from its peer, with its author;
 * - `event`: a peer joined or left a server;
 * - `stored`: the lease holder stored everything up to stream id `upTo` (lets every
 *   server tell its peers truthfully when their edits are stored);
 * - `released`: the holder gave the lease up (others take it at once).
 * `origin` is the server that added the entry and `counter` its own count of entries, so
 * an entry added twice (a reconnect resending a command) is logged once.
 */
export type StreamEntry =
  | { type: 'update'; origin: string; counter: number; author: Author; name: string; update: Uint8Array }
  | { type: 'event'; origin: string; counter: number; kind: RoomEvent['kind']; who: Author; at: number }
  | { type: 'stored'; origin: string; upTo: string; seq: number; epoch: number }
  | { type: 'released'; origin: string; epoch: number };

const authorSchema = z.union([
  z.object({ userId: z.string() }).strict(),
  z.object({ guest: z.string(), guestId: z.string().optional() }).strict(),
]);
const authorJson = z.string().transform((text, ctx): Author => {
  const parsed = authorSchema.safeParse(safeJson(text));
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: 'invalid author' });
  return z.NEVER;
});
const count = z.coerce.number().int().nonnegative();

const fieldsSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('u'), o: z.string(), c: count, a: authorJson, n: z.string() }),
  z.object({ t: z.literal('e'), o: z.string(), c: count, k: z.enum(['join', 'leave']), a: authorJson, at: count }),
  z.object({ t: z.literal('s'), o: z.string(), upTo: z.string().regex(/^\d+-\d+$/), seq: count, epoch: count }),
  z.object({ t: z.literal('r'), o: z.string(), epoch: count }),
]);

/** The field/value list XADD takes for `entry`. */
export function encodeStreamEntry(entry: StreamEntry): (string | Buffer)[] {
  switch (entry.type) {
    case 'update':
      return [
        't',
        'u',
        'o',
        entry.origin,
        'c',
        String(entry.counter),
        'a',
        JSON.stringify(entry.author),
        'n',
        entry.name,
        'u',
        Buffer.from(entry.update),
      ];
    case 'event':
      return [
        't',
        'e',
        'o',
        entry.origin,
        'c',
        String(entry.counter),
        'k',
        entry.kind,
        'a',
        JSON.stringify(entry.who),
        'at',
        String(entry.at),
      ];
    case 'stored':
      return ['t', 's', 'o', entry.origin, 'upTo', entry.upTo, 'seq', String(entry.seq), 'epoch', String(entry.epoch)];
    case 'released':
      return ['t', 'r', 'o', entry.origin, 'epoch', String(entry.epoch)];
    default:
      return entry satisfies never;
  }
}

/** Reads one stream entry's fields (as XREAD returns them in buffers); throws on anything else. */
export function decodeStreamEntry(fields: readonly Buffer[]): StreamEntry {
  const texts: Record<string, string> = {};
  let update: Buffer | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = (fields[i] as Buffer).toString();
    const value = fields[i + 1] as Buffer;
    if (name === 'u') update = value;
    else texts[name] = value.toString();
  }
  const parsed = fieldsSchema.safeParse(texts);
  if (!parsed.success) throw new Error(`invalid room stream entry: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const f = parsed.data;
  switch (f.t) {
    case 'u':
      if (!update) throw new Error('invalid room stream entry: an update without its bytes');
      return {
        type: 'update',
        origin: f.o,
        counter: f.c,
        author: f.a,
        name: f.n,
        update: new Uint8Array(update.buffer, update.byteOffset, update.byteLength),
      };
    case 'e':
      return { type: 'event', origin: f.o, counter: f.c, kind: f.k, who: f.a, at: f.at };
    case 's':
      return { type: 'stored', origin: f.o, upTo: f.upTo, seq: f.seq, epoch: f.epoch };
    case 'r':
      return { type: 'released', origin: f.o, epoch: f.epoch };
    default:
      return f satisfies never;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the schema refuses it with a clear message.
    return undefined;
  }
}
