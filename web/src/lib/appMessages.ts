import { type ClientMessage, MessageType, type ServerMessage, serverMessageSchema } from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** A room-socket frame carrying a client app message: varUint(App) + varString(JSON). */
export function encodeClientMessage(message: ClientMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.App);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return encoding.toUint8Array(encoder);
}

export type DecodeResult = { ok: true; message: ServerMessage } | { ok: false; error: string };

/**
 * Reads the body of an App frame whose type varUint has already been consumed (that is
 * how y-websocket hands frames to `provider.messageHandlers`) and validates it: the
 * server is trusted, but a mismatch in versions must not crash the page.
 */
export function decodeServerMessage(decoder: decoding.Decoder): DecodeResult {
  let json: string;
  try {
    json = decoding.readVarString(decoder);
  } catch (err) {
    return { ok: false, error: `unreadable frame: ${(err as Error).message}` };
  }
  return parseServerMessage(json);
}

export function parseServerMessage(json: string): DecodeResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: 'payload is not JSON' };
  }
  const parsed = serverMessageSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: parsed.error.message };
  return { ok: true, message: parsed.data };
}
