import { describe, expect, it, vi } from 'vitest';
import { DockerStreamDemuxer } from './DockerStreamDemuxer.ts';

function dockerFrame(type: number, payload: string | Buffer): Buffer {
  const data = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(data.byteLength, 4);
  return Buffer.concat([header, data]);
}

function demux(wire: Buffer, chunk: number): { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  const demuxer = new DockerStreamDemuxer({ onData: (stream, data) => (out[stream] += data.toString()) });
  for (let at = 0; at < wire.length; at += chunk) demuxer.push(wire.subarray(at, at + chunk));
  return out;
}

describe('DockerStreamDemuxer', () => {
  const wire = Buffer.concat([
    dockerFrame(1, 'READY 1\n'),
    dockerFrame(2, 'oops'),
    dockerFrame(1, ''),
    dockerFrame(1, 'O 3\nabc'),
  ]);

  it('splits stdout from stderr at every chunk size and split point', () => {
    for (let chunk = 1; chunk <= wire.length; chunk++) {
      expect(demux(wire, chunk)).toEqual({ stdout: 'READY 1\nO 3\nabc', stderr: 'oops' });
    }
    for (let cut = 0; cut <= wire.length; cut++) {
      const out = { stdout: '', stderr: '' };
      const demuxer = new DockerStreamDemuxer({ onData: (stream, data) => (out[stream] += data.toString()) });
      demuxer.push(wire.subarray(0, cut));
      demuxer.push(wire.subarray(cut));
      expect(out).toEqual({ stdout: 'READY 1\nO 3\nabc', stderr: 'oops' });
    }
  });

  it('passes payloads on as they arrive, copying only the 8-byte headers', () => {
    const payload = Buffer.alloc(64 * 1024, 'y');
    const big = Buffer.concat([dockerFrame(1, payload), dockerFrame(1, payload)]);
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      const pieces: Buffer[] = [];
      const demuxer = new DockerStreamDemuxer({ onData: (_stream, data) => pieces.push(data) });
      for (let at = 0; at < big.length; at += 1000) demuxer.push(big.subarray(at, at + 1000));
      const copied = concat.mock.results.reduce((sum, r) => sum + (r.value as Buffer).byteLength, 0);
      expect(copied).toBe(16);
      expect(Buffer.concat(pieces).equals(Buffer.concat([payload, payload]))).toBe(true);
    } finally {
      concat.mockRestore();
    }
  });

  it('refuses a stream that is not multiplexed', () => {
    const demuxer = new DockerStreamDemuxer({ onData: () => {} });
    expect(() => demuxer.push(Buffer.from('READY 1\n'))).toThrow(/bad Docker stream header/);
  });
});
