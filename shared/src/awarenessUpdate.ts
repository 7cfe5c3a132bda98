import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * One entry of a y-protocols awareness update: a client's state at its clock (null: the
 * client left). The wire format is y-protocols' encodeAwarenessUpdate: varUint count,
 * then per entry varUint clientID, varUint clock, varString JSON state.
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** Decodes a whole awareness update. Throws on truncated or trailing bytes, bad JSON, or too many entries. */
export function decodeAwarenessUpdate(update: Uint8Array, maxEntries = Number.POSITIVE_INFINITY): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > maxEntries) throw new Error(`awareness update with ${count} entries (at most ${maxEntries})`);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after an awareness update');
  return entries;
}

/** The awareness update carrying `entries`, as applyAwarenessUpdate reads it. */
export function encodeAwarenessUpdate(entries: Iterable<AwarenessEntry>): Uint8Array {
  const list = [...entries];
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, list.length);
  for (const { clientId, clock, state } of list) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
