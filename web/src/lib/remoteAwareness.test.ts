import { type AwarenessEntry, encodeAwarenessUpdate, MessageType } from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { installAwarenessSanitizer, sanitizeAwarenessUpdate } from './remoteAwareness.ts';

const hostileColor = 'red; background: url(http://evil.example/x.png)';
const cursor = {
  anchor: { type: null, tname: 'code', item: { client: 5, clock: 2 }, assoc: 0 },
  head: { type: null, tname: 'code', item: null, assoc: 0 },
};

let provider: WebsocketProvider;

/** Feeds an awareness message to the provider as if the server had sent it. */
function receive(update: Uint8Array): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint8Array(encoder, update);
  const handler = provider.messageHandlers[MessageType.Awareness];
  handler?.(encoding.createEncoder(), decoding.createDecoder(encoding.toUint8Array(encoder)), provider, false, 1);
}
const states = () => provider.awareness.getStates();

beforeEach(() => {
  provider = new WebsocketProvider('ws://127.0.0.1:9', 'room', new Y.Doc(), {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: class {} as unknown as typeof WebSocket,
  });
  installAwarenessSanitizer(provider);
});
afterEach(() => {
  provider.destroy();
  provider.awareness.destroy();
  vi.restoreAllMocks();
});

describe('remote awareness', () => {
  it('keeps states that pass every check as they are', () => {
    const state = { user: { name: 'Ann', color: '#f87171', colorLight: '#f8717133' }, cursor };
    receive(encodeAwarenessUpdate([{ clientId: 5, clock: 1, state }]));
    expect(states().get(5)).toEqual(state);
  });

  it('drops a CSS colour, a huge name and unknown fields before the editor can read them', () => {
    const entries: AwarenessEntry[] = [
      {
        clientId: 6,
        clock: 1,
        state: { user: { name: 'Eve', color: hostileColor, colorLight: hostileColor }, cursor },
      },
      {
        clientId: 7,
        clock: 1,
        state: { user: { name: 'x'.repeat(10_000), color: '#0f0' }, style: 'x', cursor: 'top' },
      },
    ];
    receive(encodeAwarenessUpdate(entries));
    expect(states().get(6)).toEqual({ user: { name: 'Eve' }, cursor });
    expect(states().get(7)).toEqual({ user: { color: '#0f0' } });
    for (const state of states().values()) expect(JSON.stringify(state)).not.toContain('url(');
  });

  it('a later invalid state replaces a valid one, and removals still remove', () => {
    receive(encodeAwarenessUpdate([{ clientId: 8, clock: 1, state: { user: { name: 'Bob', color: '#00f' } } }]));
    receive(encodeAwarenessUpdate([{ clientId: 8, clock: 2, state: { user: { name: 'Bob', color: hostileColor } } }]));
    expect(states().get(8)).toEqual({ user: { name: 'Bob' } });
    receive(encodeAwarenessUpdate([{ clientId: 8, clock: 3, state: null }]));
    expect(states().has(8)).toBe(false);
  });

  it('ignores an update that cannot be decoded', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const update = encodeAwarenessUpdate([{ clientId: 9, clock: 1, state: { user: { name: 'Ann' } } }]);
    expect(sanitizeAwarenessUpdate(update.subarray(0, update.length - 2))).toBeNull();
    receive(update.subarray(0, update.length - 2));
    expect(states().has(9)).toBe(false);
    expect(warn).toHaveBeenCalled();
  });
});
