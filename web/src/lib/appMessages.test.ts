import { defaultRoomSettings, MessageType, type ServerMessage } from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { decodeServerMessage, encodeClientMessage } from './appMessages.ts';

function serverFrame(payload: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.App);
  encoding.writeVarString(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Decodes the way y-websocket does: the type is read before the handler runs. */
function decodeFrame(frame: Uint8Array) {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MessageType.App);
  return decodeServerMessage(decoder);
}

describe('encodeClientMessage', () => {
  it('writes varUint(100) then the JSON as varString', () => {
    const frame = encodeClientMessage({ type: 'run' });
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(100);
    expect(JSON.parse(decoding.readVarString(decoder))).toEqual({ type: 'run' });
    expect(decoding.hasContent(decoder)).toBe(false);
  });
});

describe('decodeServerMessage', () => {
  it('accepts every valid server message', () => {
    const messages: ServerMessage[] = [
      {
        type: 'room-state',
        you: { id: 'u:me', color: '#60a5fa' },
        now: 0,
        role: 'editor',
        settings: defaultRoomSettings('python'),
        limits: { docMaxBytes: 1024 },
        run: null,
        submission: null,
      },
      { type: 'settings', settings: defaultRoomSettings('go') },
      { type: 'update-refused', reason: 'too-large', message: 'too large' },
      { type: 'run-started', run: { id: 'r1', startedBy: 'Ada', language: 'python', requestedAt: 1 } },
      { type: 'run-event', runId: 'r1', event: { type: 'output', stream: 'stderr', data: 'boom\n' } },
      { type: 'refused', message: 'A run is already in progress.' },
    ];
    for (const message of messages) {
      expect(decodeFrame(serverFrame(JSON.stringify(message)))).toEqual({ ok: true, message });
    }
  });

  it('rejects invalid JSON and unknown shapes without throwing', () => {
    expect(decodeFrame(serverFrame('{nope')).ok).toBe(false);
    expect(decodeFrame(serverFrame(JSON.stringify({ type: 'explode' }))).ok).toBe(false);
    expect(decodeFrame(serverFrame(JSON.stringify({ type: 'run-event', runId: 'r1' }))).ok).toBe(false);
    expect(decodeFrame(serverFrame(JSON.stringify({ type: 'settings', settings: { language: {} } }))).ok).toBe(false);
  });

  it('rejects a truncated frame', () => {
    const frame = serverFrame(JSON.stringify({ type: 'room-state', run: null }));
    expect(decodeFrame(frame.slice(0, 4)).ok).toBe(false);
  });
});
