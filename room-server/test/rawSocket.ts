import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { PROTOCOL_VERSION, ROOM_SOCKET_PATH } from '@codestream/shared';

// A WebSocket client written by hand over TCP, so tests can send what no library would:
// frames that break the protocol, at any moment of the socket's life.

export interface FrameOptions {
  payload?: Uint8Array;
  fin?: boolean;
  /** The three reserved bits (RSV1 = 4). */
  rsv?: number;
  opcode?: number;
  /** Clients must mask; false sends a protocol violation. */
  mask?: boolean;
  /** A length to declare instead of the payload's (to claim a huge frame). */
  declaredLength?: number;
}

export function wsFrame({
  payload = new Uint8Array(),
  fin = true,
  rsv = 0,
  opcode = 2,
  mask = true,
  declaredLength,
}: FrameOptions = {}): Buffer {
  const length = declaredLength ?? payload.byteLength;
  const head = [((fin ? 1 : 0) << 7) | (rsv << 4) | opcode];
  const maskBit = mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65_536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  const key = mask ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(payload);
  if (mask) for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (key[i % 4] as number);
  return Buffer.concat([Buffer.from(head), extended, key, body]);
}

export interface RawSocketOptions {
  cookie?: string;
  origin?: string;
  /** Bytes written in the same packet as the upgrade request (they reach the server as `head`). */
  withRequest?: Buffer;
  version?: string;
  /** Added to the socket's query, e.g. `&doc=notes`. */
  query?: string;
}

/** A TCP connection that performed (or attempted) a WebSocket upgrade to a room. */
export class RawSocket {
  /** Every byte the server sent after the HTTP response head. */
  received: Buffer = Buffer.alloc(0);
  readonly ended: Promise<void>;
  isEnded = false;
  private readonly socket: net.Socket;

  private constructor(
    socket: net.Socket,
    readonly status: number,
    rest: Buffer,
  ) {
    this.socket = socket;
    this.received = rest;
    socket.on('data', (chunk) => {
      this.received = Buffer.concat([this.received, chunk]);
    });
    this.ended = new Promise((resolve) =>
      socket.once('close', () => {
        this.isEnded = true;
        resolve();
      }),
    );
  }

  static open(serverUrl: string, roomId: string, options: RawSocketOptions = {}): Promise<RawSocket> {
    const { hostname, port } = new URL(serverUrl);
    const socket = net.connect(Number(port), hostname);
    socket.on('error', () => {
      // Resets from a server that cut the connection off are what some tests expect.
    });
    const lines = [
      `GET ${ROOM_SOCKET_PATH}/${roomId}?v=${options.version ?? PROTOCOL_VERSION}${options.query ?? ''} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      ...(options.origin ? [`Origin: ${options.origin}`] : []),
      ...(options.cookie ? [`Cookie: ${options.cookie}`] : []),
    ];
    socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), options.withRequest ?? Buffer.alloc(0)]));
    return new Promise((resolve, reject) => {
      let buffered = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const status = Number(buffered.subarray(0, end).toString().split(' ')[1]);
        resolve(new RawSocket(socket, status, buffered.subarray(end + 4)));
      };
      socket.on('data', onData);
      socket.once('close', () => reject(new Error('connection closed before the upgrade was answered')));
    });
  }

  write(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** The code of the first close frame the server sent, if one has arrived. */
  get closeCode(): number | null {
    let offset = 0;
    const data = this.received;
    while (offset + 2 <= data.length) {
      const opcode = (data[offset] as number) & 0x0f;
      let length = (data[offset + 1] as number) & 0x7f;
      let start = offset + 2;
      if (length === 126) {
        if (start + 2 > data.length) return null;
        length = data.readUInt16BE(start);
        start += 2;
      } else if (length === 127) {
        if (start + 8 > data.length) return null;
        length = Number(data.readBigUInt64BE(start));
        start += 8;
      }
      if (start + length > data.length) return null;
      if (opcode === 8) return length >= 2 ? data.readUInt16BE(start) : 1005;
      offset = start + length;
    }
    return null;
  }

  /** Stops reading, as a client that no longer reads its socket (or a vanished laptop). */
  pauseReading(): void {
    this.socket.pause();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
