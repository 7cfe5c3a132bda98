import {
  type AwarenessEntry,
  defaultRoomSettings,
  encodeAwarenessUpdate,
  findLanguageInfo,
  MessageType,
  type ServerMessage,
  type SubmissionView,
} from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

// A scripted room socket for the RoomConnection tests (no server, no network).

/** Just enough of a browser WebSocket for y-websocket, driven by the test. */
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static created: FakeSocket[] = [];

  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'blob';
  sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.created.push(this);
  }

  send(data: Uint8Array): void {
    this.sent.push(new Uint8Array(data));
  }

  close(): void {
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  receive(frame: Uint8Array): void {
    this.onmessage?.({ data: frame.slice().buffer });
  }

  serverClose(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }

  /** App messages this socket sent, decoded. */
  appMessages(): unknown[] {
    return this.sent.flatMap((frame) => {
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) !== MessageType.App) return [];
      return [JSON.parse(decoding.readVarString(decoder))];
    });
  }
}

export function appFrame(message: ServerMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.App);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return encoding.toUint8Array(encoder);
}

/** An awareness frame as the server relays it. */
export function awarenessFrame(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(entries));
  return encoding.toUint8Array(encoder);
}

/** y-protocols sync step 2 carrying the whole server doc: what makes the client "synced". */
export function syncStep2(serverDoc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(serverDoc));
  return encoding.toUint8Array(encoder);
}

export function seededServerDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('code').insert(0, findLanguageInfo('python')?.template ?? '');
  return doc;
}

/** The room state the server sends after connecting: a Python room. */
export function roomState(docMaxBytes = 2 * 1024 * 1024, submission: SubmissionView | null = null): Uint8Array {
  return appFrame({
    type: 'room-state',
    you: { id: 'u:me', color: '#60a5fa' },
    now: 0,
    role: 'editor',
    settings: defaultRoomSettings('python'),
    limits: { docMaxBytes },
    run: null,
    submission,
  });
}
