import * as decoding from 'lib0/decoding';

// A strict reader of Yjs v1 updates (the format y-websocket sends), for checking an
// update before Yjs applies it. Yjs's own reader ignores trailing bytes and reads content
// kinds the room never uses; this one reads only what the room accepts and fails on
// anything else, so a refused update is never half-read.

/** The content kinds of a Yjs item, numbered as in the update format (Yjs's ContentX). */
const ContentRef = { Deleted: 1, String: 4 } as const;
/** The info byte of a Skip struct (a gap, only made by merging updates). */
const SKIP_INFO = 10;
const BITS5 = 0b11111;
const HAS_ORIGIN = 0b1000_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_PARENT_SUB = 0b0010_0000;

export interface StructId {
  client: number;
  clock: number;
}

/** An item of a text: inserted characters, or the tombstone of deleted ones. */
export interface UpdateItem {
  kind: 'item';
  id: StructId;
  length: number;
  origin: StructId | null;
  rightOrigin: StructId | null;
  /** The root type it is inserted into, when neither origin is given. */
  parentKey: string | null;
}

/** A collected range (content dropped by garbage collection). */
export interface UpdateGc {
  kind: 'gc';
  id: StructId;
  length: number;
}

export type UpdateStruct = UpdateItem | UpdateGc;

/** The structs of one client, contiguous from `clock`. */
export interface ClientStructs {
  client: number;
  clock: number;
  structs: UpdateStruct[];
}

export interface DeleteRange {
  client: number;
  clock: number;
  length: number;
}

export interface DecodedUpdate {
  clients: ClientStructs[];
  deletes: DeleteRange[];
}

/** An update this reader refuses; `message` says why (for logs). */
export class UpdateFormatError extends Error {}

/**
 * Decodes a Yjs v1 update that holds only text items (strings or tombstones) and
 * collected ranges, reading it to the last byte. Throws UpdateFormatError otherwise.
 */
export function decodeTextUpdate(update: Uint8Array): DecodedUpdate {
  const decoder = decoding.createDecoder(update);
  try {
    const clients = readClients(decoder);
    const deletes = readDeletes(decoder);
    if (decoding.hasContent(decoder)) throw new UpdateFormatError('trailing bytes after the update');
    return { clients, deletes };
  } catch (err) {
    if (err instanceof UpdateFormatError) throw err;
    // lib0 throws plain errors on truncated input or integers out of range.
    throw new UpdateFormatError(`undecodable update: ${(err as Error).message}`);
  }
}

function readClients(decoder: decoding.Decoder): ClientStructs[] {
  const clients: ClientStructs[] = [];
  const seen = new Set<number>();
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const structCount = decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    // Yjs keeps only the last group of a client: an earlier one would be silently lost.
    if (seen.has(client)) throw new UpdateFormatError(`client ${client} appears twice`);
    seen.add(client);
    const start = decoding.readVarUint(decoder);
    let clock = start;
    const structs: UpdateStruct[] = [];
    for (let j = 0; j < structCount; j++) {
      const struct = readStruct(decoder, { client, clock });
      if (struct.length <= 0) throw new UpdateFormatError('empty struct');
      clock += struct.length;
      if (!Number.isSafeInteger(clock)) throw new UpdateFormatError('clock out of range');
      structs.push(struct);
    }
    clients.push({ client, clock: start, structs });
  }
  return clients;
}

function readStruct(decoder: decoding.Decoder, id: StructId): UpdateStruct {
  const info = decoding.readUint8(decoder);
  if (info === SKIP_INFO) throw new UpdateFormatError('skip structs (gaps) are not accepted');
  const contentRef = info & BITS5;
  if (contentRef === 0) return { kind: 'gc', id, length: decoding.readVarUint(decoder) };
  const origin = info & HAS_ORIGIN ? readId(decoder) : null;
  const rightOrigin = info & HAS_RIGHT_ORIGIN ? readId(decoder) : null;
  let parentKey: string | null = null;
  if (origin === null && rightOrigin === null) {
    if (decoding.readVarUint(decoder) !== 1) throw new UpdateFormatError('items inside nested types are not accepted');
    parentKey = decoding.readVarString(decoder);
    if (info & HAS_PARENT_SUB) throw new UpdateFormatError('map entries are not accepted');
  }
  switch (contentRef) {
    // Yjs counts a string's length in UTF-16 code units, as JavaScript does.
    case ContentRef.String:
      return { kind: 'item', id, length: decoding.readVarString(decoder).length, origin, rightOrigin, parentKey };
    case ContentRef.Deleted:
      return { kind: 'item', id, length: decoding.readVarUint(decoder), origin, rightOrigin, parentKey };
    default:
      throw new UpdateFormatError(`content kind ${contentRef} is not accepted (only text)`);
  }
}

function readId(decoder: decoding.Decoder): StructId {
  return { client: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder) };
}

function readDeletes(decoder: decoding.Decoder): DeleteRange[] {
  const deletes: DeleteRange[] = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const ranges = decoding.readVarUint(decoder);
    for (let j = 0; j < ranges; j++) {
      const clock = decoding.readVarUint(decoder);
      const length = decoding.readVarUint(decoder);
      // Yjs fails on an empty range past what it has, in the middle of applying the update.
      if (length === 0) throw new UpdateFormatError('empty deleted range');
      if (!Number.isSafeInteger(clock + length)) throw new UpdateFormatError('deleted range out of range');
      deletes.push({ client, clock, length });
    }
  }
  return deletes;
}
