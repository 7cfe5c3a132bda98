import { decodeAwarenessUpdate, encodeAwarenessUpdate, MessageType, sanitizeAwarenessState } from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';

/**
 * The awareness update with every state cut down to the fields that pass their checks
 * (see sanitizeAwarenessState), or null when it cannot be decoded.
 */
export function sanitizeAwarenessUpdate(update: Uint8Array): Uint8Array | null {
  let entries: ReturnType<typeof decodeAwarenessUpdate>;
  try {
    entries = decodeAwarenessUpdate(update);
  } catch {
    // Nothing of a broken update is applied; the caller says so.
    return null;
  }
  return encodeAwarenessUpdate(entries.map((entry) => ({ ...entry, state: sanitizeAwarenessState(entry.state) })));
}

/**
 * Makes the provider check every remote awareness state before it enters the awareness
 * that y-codemirror.next reads: the editor writes `user.color` into `style` attributes
 * and `user.name` into the page, so whatever a server relays, an unchecked value never
 * gets there. The stock handler still applies the (checked) update.
 */
export function installAwarenessSanitizer(provider: WebsocketProvider): void {
  const stock = provider.messageHandlers[MessageType.Awareness];
  if (!stock) throw new Error('y-websocket has no awareness handler to wrap');
  provider.messageHandlers[MessageType.Awareness] = (encoder, decoder, ...rest) => {
    const update = sanitizeAwarenessUpdate(decoding.readVarUint8Array(decoder));
    if (update === null) {
      console.warn('Ignored an awareness update from the server that could not be decoded');
      return;
    }
    const checked = encoding.createEncoder();
    encoding.writeVarUint8Array(checked, update);
    stock(encoder, decoding.createDecoder(encoding.toUint8Array(checked)), ...rest);
  };
}
