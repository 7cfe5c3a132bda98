import {
  AppFrameError,
  type ClientMessage,
  encodeAppFrame,
  readAppFramePayload,
  type ServerMessage,
  serverMessageSchema,
} from '@codestream/shared';
import type * as decoding from 'lib0/decoding';

/** A room-socket frame carrying a client app message. */
export function encodeClientMessage(message: ClientMessage): Uint8Array {
  return encodeAppFrame(message);
}

export type DecodeResult = { ok: true; message: ServerMessage } | { ok: false; error: string };

/**
 * Reads the body of an App frame whose type varUint has already been consumed (that is
 * how y-websocket hands frames to `provider.messageHandlers`) and validates it: the
 * server is trusted, but a mismatch in versions must not crash the page.
 */
export function decodeServerMessage(decoder: decoding.Decoder): DecodeResult {
  let value: unknown;
  try {
    value = readAppFramePayload(decoder);
  } catch (err) {
    if (err instanceof AppFrameError) return { ok: false, error: err.message };
    throw err;
  }
  const parsed = serverMessageSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: parsed.error.message };
  return { ok: true, message: parsed.data };
}
