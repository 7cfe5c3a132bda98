import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { AppFrameError, encodeAppFrame, readAppFramePayload } from './appFrame.ts';
import { MessageType } from './protocol.ts';

/** Reads a frame the way both sides do: the type first, then the payload. */
function read(frame: Uint8Array): unknown {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MessageType.App);
  return readAppFramePayload(decoder);
}

describe('app frame', () => {
  it('round-trips a message as varUint(100) + JSON varString', () => {
    const message = { type: 'run-event', runId: 'r1', event: { type: 'output', stream: 'stdout', data: 'é\n' } };
    const frame = encodeAppFrame(message);
    expect(frame[0]).toBe(100);
    expect(read(frame)).toEqual(message);
  });

  it('throws AppFrameError on a truncated frame and on a payload that is not JSON', () => {
    const frame = encodeAppFrame({ type: 'run' });
    expect(() => read(frame.slice(0, 3))).toThrow(AppFrameError);
    const notJson = encodeAppFrame('x').slice();
    // '"x"' with its quotes replaced: still a string, no longer JSON.
    notJson.set([0x7b, 0x78, 0x7b], notJson.length - 3);
    expect(() => read(notJson)).toThrow(/not JSON/);
  });
});
