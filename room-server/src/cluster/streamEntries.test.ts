import { describe, expect, it } from 'vitest';
import { laterStreamId, streamIdBefore } from './clusterKeys.ts';
import { decodeStreamEntry, encodeStreamEntry, type StreamEntry } from './streamEntries.ts';

const asBuffers = (fields: (string | Buffer)[]) => fields.map((field) => Buffer.from(field));

describe('room stream entries', () => {
  const entries: StreamEntry[] = [
    {
      type: 'update',
      origin: 'a#1',
      counter: 7,
      author: { guest: 'Gus', guestId: 'g1' },
      name: 'Gus',
      update: new Uint8Array([0, 1, 255]),
    },
    { type: 'event', origin: 'a#1', counter: 8, kind: 'join', who: { userId: 'u1' }, at: 1_700_000_000_000 },
    { type: 'stored', origin: 'b#2', upTo: '1700-3', seq: 42, epoch: 3 },
    { type: 'released', origin: 'b#2', epoch: 3 },
  ];

  it('read back as written', () => {
    for (const entry of entries) expect(decodeStreamEntry(asBuffers(encodeStreamEntry(entry)))).toEqual(entry);
  });

  it('refuses what is not an entry, saying why', () => {
    expect(() => decodeStreamEntry(asBuffers(['t', 'x']))).toThrow(/invalid room stream entry/);
    expect(() => decodeStreamEntry(asBuffers(['t', 'u', 'o', 'a', 'c', '1', 'a', '{"userId":1}', 'n', '']))).toThrow(
      /invalid author/,
    );
    expect(() => decodeStreamEntry(asBuffers(['t', 'u', 'o', 'a', 'c', '1', 'a', '{"userId":"u"}', 'n', '']))).toThrow(
      /without its bytes/,
    );
    expect(() => decodeStreamEntry(asBuffers(['t', 's', 'o', 'a', 'upTo', 'x', 'seq', '1', 'epoch', '1']))).toThrow();
  });
});

describe('stream ids', () => {
  it('are ordered by time, then sequence, as numbers', () => {
    expect(streamIdBefore('9-0', '10-0')).toBe(true);
    expect(streamIdBefore('10-2', '10-10')).toBe(true);
    expect(streamIdBefore('10-10', '10-10')).toBe(false);
    expect(laterStreamId('10-10', '10-2')).toBe('10-10');
    expect(laterStreamId('0-0', '5-1')).toBe('5-1');
  });
});
