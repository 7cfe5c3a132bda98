import {
  MessageType,
  type RoomRole,
  readAppFramePayload,
  type ServerMessage,
  serverMessageSchema,
} from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { awarenessFrame, syncStep1Frame, updateFrame } from '../frames.ts';
import type { RoomPeer } from '../Room.ts';

/** What a FakePeer talks to: a Room, or a room's NotesDoc. */
export interface PeerHost {
  join(peer: RoomPeer): void;
  receive(peer: RoomPeer, frame: Uint8Array): void;
  leave(peer: RoomPeer): number;
}

/**
 * A participant without a socket: frames the room sends are queued until `deliver()`,
 * which answers them as y-websocket's client does; local edits and awareness go to the
 * room at once. Like tldraw's TestSocketPair, it drives a whole room in memory.
 */
export class FakePeer implements RoomPeer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Every app message received, validated with the web client's schema. */
  readonly messages: ServerMessage[] = [];
  /** Sync frames received (step 1, step 2, update), by their sync message type. */
  readonly syncTypes: number[] = [];
  private readonly inbox: Uint8Array[] = [];

  constructor(
    private readonly room: PeerHost,
    readonly name: string,
    readonly userId: string | null = null,
    readonly role: RoomRole = 'editor',
    readonly id: string = userId ? `u:${userId}` : `g:${name}`,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.room.receive(this, updateFrame(update));
    });
    this.awareness.on(
      'update',
      (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin !== this)
          this.room.receive(
            this,
            awarenessFrame(this.awareness, [...changes.added, ...changes.updated, ...changes.removed]),
          );
      },
    );
  }

  send(frame: Uint8Array): void {
    this.inbox.push(frame);
  }

  /** Joins, sends its own sync step 1, and handles what the room answered. */
  join(): this {
    this.room.join(this);
    this.room.receive(this, syncStep1Frame(this.doc));
    this.deliver();
    return this;
  }

  leave(): number {
    return this.room.leave(this);
  }

  get code(): string {
    return this.doc.getText('code').toString();
  }

  /** The app messages of one type received so far. */
  received<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.messages.filter((message): message is Extract<ServerMessage, { type: T }> => message.type === type);
  }

  /** Handles every queued frame, answering sync step 1 the way the stock client does. */
  deliver(): void {
    for (let frame = this.inbox.shift(); frame; frame = this.inbox.shift()) {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.Sync) {
        this.syncTypes.push(decoding.peekVarUint(decoder));
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.Sync);
        syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
        if (encoding.length(reply) > 1) this.room.receive(this, encoding.toUint8Array(reply));
      } else if (type === MessageType.Awareness) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
      } else if (type === MessageType.App) {
        this.messages.push(serverMessageSchema.parse(readAppFramePayload(decoder)));
      } else {
        throw new Error(`unknown frame type ${type}`);
      }
    }
  }

  close(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
