import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './protocol.ts';

/**
 * The app frame of the room socket, both directions: varUint(MessageType.App) then the
 * message as a JSON varString. Each side validates what it reads with its own schema;
 * this file stays free of zod so the browser's share of it is a few lines.
 */
export function encodeAppFrame(message: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.App);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return encoding.toUint8Array(encoder);
}

/** An app frame's payload that cannot be read: truncated, or not JSON. */
export class AppFrameError extends Error {
  readonly reason = 'unreadable-app-frame';
}

/**
 * Reads the payload of an app frame whose type varUint was already consumed (both the
 * server's dispatch and y-websocket's `messageHandlers` read it first), as parsed JSON.
 * Throws AppFrameError when it cannot be read.
 */
export function readAppFramePayload(decoder: decoding.Decoder): unknown {
  let json: string;
  try {
    json = decoding.readVarString(decoder);
  } catch (err) {
    throw new AppFrameError(`unreadable frame: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(json);
  } catch {
    throw new AppFrameError('payload is not JSON');
  }
}
