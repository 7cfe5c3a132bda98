import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { CloseCode } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { MAX_PENDING_FRAMES, SocketConnection } from './SocketConnection.ts';

/** The parts of a ws socket SocketConnection uses; frames are emitted by the test. */
class FakeSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  paused = false;
  sent: Uint8Array[] = [];
  closedWith: number | null = null;
  pings: Buffer[] = [];
  terminated = false;
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  send(frame: Uint8Array) {
    this.sent.push(frame);
    this.bufferedAmount += frame.byteLength;
  }
  close(code: number) {
    this.closedWith = code;
    this.readyState = 2;
  }
  ping(payload: Buffer) {
    this.pings.push(payload);
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
  }
}

const quiet = { info() {}, warn() {}, error() {} };

function connect(limits = { maxMessageBytes: 1024, maxBufferedBytes: 4096 }) {
  const fake = new FakeSocket();
  const connection = new SocketConnection(fake as unknown as WebSocket, {} as IncomingMessage, 'room', limits, quiet);
  return { fake, connection };
}

describe('SocketConnection', () => {
  it('stops reading until the room is ready, then delivers held frames in order and resumes', () => {
    const { fake, connection } = connect();
    expect(fake.paused).toBe(true);
    fake.emit('message', Buffer.from([1]), true);
    fake.emit('message', Buffer.from([2]), true);
    const delivered: number[] = [];
    connection.start((frame) => delivered.push(frame[0] as number));
    fake.emit('message', Buffer.from([3]), true);
    expect(delivered).toEqual([1, 2, 3]);
    expect(fake.paused).toBe(false);
  });

  it(`closes a socket holding more than ${MAX_PENDING_FRAMES} frames before its room is ready`, () => {
    const { fake } = connect();
    for (let i = 0; i <= MAX_PENDING_FRAMES; i++) fake.emit('message', Buffer.from([i]), true);
    expect(fake.closedWith).toBe(CloseCode.Flooding);
  });

  it('closes a socket holding more than twice the message limit in bytes before its room is ready', () => {
    const { fake, connection } = connect();
    fake.emit('message', Buffer.alloc(1024), true);
    fake.emit('message', Buffer.alloc(1024), true);
    expect(fake.closedWith).toBeNull();
    fake.emit('message', Buffer.alloc(1), true);
    expect(fake.closedWith).toBe(CloseCode.Flooding);
    const delivered: Uint8Array[] = [];
    connection.start((frame) => delivered.push(frame));
    expect(delivered).toEqual([]);
  });

  it('closes a socket whose send buffer would pass the limit, and sends it nothing more', () => {
    const { fake, connection } = connect();
    connection.start(() => {});
    connection.send(new Uint8Array(3000));
    connection.send(new Uint8Array(1000));
    expect(fake.closedWith).toBeNull();
    connection.send(new Uint8Array(200));
    expect(fake.closedWith).toBe(CloseCode.SlowConsumer);
    connection.send(new Uint8Array(1));
    expect(fake.sent).toHaveLength(2);
  });

  it('counts only pongs that echo its own ping', () => {
    const { fake, connection } = connect();
    connection.start(() => {});
    expect(connection.ping()).toBe(true);
    fake.emit('pong', Buffer.from('not the payload'));
    expect(connection.ping()).toBe(false);
    expect(fake.terminated).toBe(true);

    const other = connect();
    other.connection.start(() => {});
    other.connection.ping();
    other.fake.emit('pong', other.fake.pings[0]);
    expect(other.connection.ping()).toBe(true);
    expect(other.fake.terminated).toBe(false);
  });
});
