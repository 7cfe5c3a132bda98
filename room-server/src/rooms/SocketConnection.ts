import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RoomRole } from '@codestream/shared';
import { CloseCode, type CloseCodeValue } from '@codestream/shared';
import { type RawData, WebSocket } from 'ws';
import { childLogger, type Logger } from '../log/logger.ts';

/** Who is on a socket: a person with an account, or a guest (userId null). */
export interface RoomIdentity {
  /** The person: `u:<userId>` or `g:<guestId>` (see Room's RoomPeer.id). */
  id: string;
  userId: string | null;
  name: string;
  /** What the person may do in the room (decided when the socket was authorised). */
  role: RoomRole;
  /** A host who asked to observe (joined as a viewer): see RoomPeer.observer. */
  observer?: boolean;
}

export interface SocketLimits {
  /** Largest frame the room accepts (MAX_MESSAGE_BYTES). */
  maxMessageBytes: number;
  /** Bytes waiting to be sent to a socket above which it is closed with SlowConsumer. */
  maxBufferedBytes: number;
}

/**
 * Frames a client may send before its room is ready. The stock client sends two (sync
 * step 1 and its awareness); anything near this is a flood, not a person.
 */
export const MAX_PENDING_FRAMES = 32;

/** How long a closed socket may take to answer our close frame before it is cut off. */
const CLOSE_GRACE_MS = 1_000;

type Deliver = (frame: Uint8Array, isBinary: boolean) => void;

/**
 * One room socket from its first moment: its errors are handled before anything else
 * can happen, frames are held (bounded) until its room is ready, sends respect a
 * buffer limit, and only pongs that answer our own ping count as signs of life.
 */
export class SocketConnection {
  /** Names the socket in log lines and in the request ids of the jobs it starts. */
  readonly id = randomBytes(6).toString('hex');
  /** Every line carries the socket's id and room. */
  readonly log: Logger;
  identity: RoomIdentity | null = null;
  /** Session cookie value the socket was opened with; ending that session closes it. */
  sessionKey: string | null = null;
  /** Checks the socket's access again when it ends by itself (see RoomSocketServer.checkAgainAt). */
  recheckTimer: NodeJS.Timeout | undefined;
  private deliver: Deliver | null = null;
  private pending: [Uint8Array, boolean][] = [];
  private pendingBytes = 0;
  private awaitedPong: Buffer | null = null;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    /** The upgrade request: its cookie is read again when access must be re-checked. */
    readonly req: IncomingMessage,
    readonly roomId: string,
    private readonly limits: SocketLimits,
    log: Logger,
  ) {
    this.log = childLogger(log, { socketId: this.id, roomId });
    // ws emits protocol violations (bad RSV bits, unmasked or oversized frames) as
    // 'error'; without a listener that is an uncaught exception that ends the process.
    ws.on('error', (err) => this.log.warn({ err: err.message }, 'room socket error'));
    ws.on('message', this.onMessage);
    ws.on('pong', this.onPong);
    // Read nothing more while the socket is authorised and its room loaded: what the
    // client sends meanwhile stays in the kernel's buffers, not in our heap.
    ws.pause();
  }

  get isOpen(): boolean {
    return !this.closed && this.ws.readyState === WebSocket.OPEN;
  }

  /** The room is ready: hand it the frames held so far, then everything that follows. */
  start(deliver: Deliver): void {
    if (!this.isOpen) return;
    this.deliver = deliver;
    const held = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    for (const [frame, isBinary] of held) {
      if (!this.isOpen) return;
      deliver(frame, isBinary);
    }
    this.ws.resume();
  }

  send(frame: Uint8Array): void {
    if (!this.isOpen) return;
    if (this.ws.bufferedAmount + frame.byteLength > this.limits.maxBufferedBytes) {
      // A client that does not read would otherwise grow our memory without bound.
      this.close(CloseCode.SlowConsumer, 'not reading fast enough');
      return;
    }
    this.ws.send(frame);
  }

  /**
   * Pings the client; false (and the socket cut off) when it never answered the last
   * ping. The payload is random, so a pong the client sends unasked proves nothing.
   */
  ping(): boolean {
    if (this.awaitedPong) {
      this.ws.terminate();
      return false;
    }
    // A socket still being authorised is not read yet, so it could not answer.
    if (!this.deliver || this.ws.readyState !== WebSocket.OPEN) return true;
    this.awaitedPong = randomBytes(8);
    this.ws.ping(this.awaitedPong);
    return true;
  }

  /**
   * Sends our close frame, drops whatever the client still sends and cuts the connection
   * off if it has not closed within a second. A socket refused before joining is not
   * read again at all: a stranger gets no more of our memory (ws would buffer a frame of
   * up to the payload limit). A joined socket goes on being read (and its messages
   * dropped) so its close frame is seen and the close completes at once.
   */
  close(code: CloseCodeValue, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    const joined = this.deliver !== null;
    this.pending = [];
    this.deliver = null;
    this.ws.off('message', this.onMessage);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
    if (joined) this.ws.resume();
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  private readonly onMessage = (data: RawData, isBinary: boolean): void => {
    if (this.closed) return;
    const frame = toUint8Array(data);
    if (this.deliver) {
      this.deliver(frame, isBinary);
      return;
    }
    this.pending.push([frame, isBinary]);
    this.pendingBytes += frame.byteLength;
    if (this.pending.length > MAX_PENDING_FRAMES || this.pendingBytes > 2 * this.limits.maxMessageBytes) {
      this.close(CloseCode.Flooding, 'too much data before the room was ready');
    }
  };

  private readonly onPong = (data: Buffer): void => {
    if (this.awaitedPong?.equals(data)) this.awaitedPong = null;
  };
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
