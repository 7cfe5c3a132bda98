import {
  CloseCode,
  describeCloseCode,
  FATAL_CLOSE_CODES,
  MessageType,
  PROTOCOL_VERSION,
  ROOM_SOCKET_PATH,
} from '@codestream/shared';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { decodeServerMessage } from '../lib/appMessages.ts';
import { installAwarenessSanitizer } from '../lib/remoteAwareness.ts';

const HOSTS_ONLY = 'Only the room’s hosts can read its notes.';

/** What the notes panel shows of its connection. */
export type NotesStatus = { kind: 'connecting' } | { kind: 'live' } | { kind: 'closed'; message: string };

/**
 * A room's private notes: a Y.Doc of their own, synced over a socket of their own
 * (`doc=notes`), which the server opens to the room's hosts only. Never the room's doc,
 * which reaches every participant.
 */
export class NotesConnection {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('notes');
  readonly undo = new Y.UndoManager(this.text);
  readonly provider: WebsocketProvider;

  /**
   * `onStorage`: server time since which the notes wait to be stored (the database is
   * slow or away; the server keeps them and keeps trying), or null once they are stored.
   */
  constructor(
    roomId: string,
    wsOrigin: string,
    onStatus: (status: NotesStatus) => void,
    onStorage: (waitingSince: number | null) => void,
  ) {
    this.provider = new WebsocketProvider(`${wsOrigin}${ROOM_SOCKET_PATH}`, roomId, this.doc, {
      params: { v: String(PROTOCOL_VERSION), doc: 'notes' },
      // The room's doc has the same channel name: tabs must never mix the two.
      disableBc: true,
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code) && event.code !== CloseCode.UpdateRefused,
    });
    // Hosts' cursors are named and coloured by the server; checked here as in the room.
    installAwarenessSanitizer(this.provider);
    this.provider.messageHandlers[MessageType.App] = (_encoder, decoder) => {
      const result = decodeServerMessage(decoder);
      if (result.ok && result.message.type === 'storage') {
        onStorage(result.message.state === 'waiting' ? result.message.since : null);
      }
    };
    this.provider.on('sync', (synced: boolean) => synced && onStatus({ kind: 'live' }));
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      const fatal = event && (FATAL_CLOSE_CODES.has(event.code) || event.code === CloseCode.UpdateRefused);
      if (!fatal) onStatus({ kind: 'connecting' });
      else
        onStatus({
          kind: 'closed',
          message: event.code === CloseCode.Forbidden ? HOSTS_ONLY : describeCloseCode(event.code),
        });
    });
  }

  destroy(): void {
    this.provider.destroy();
    this.undo.destroy();
    this.doc.destroy();
  }
}
