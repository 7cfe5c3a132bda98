import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { RoomSummary } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DASHBOARD_MAX_BUFFERED_BYTES, DashboardConnection } from './DashboardConnection.ts';
import type { RoomSummaries } from './RoomSummaries.ts';
import { memoryLogger } from './testing/roomTestBed.ts';

/** A socket whose peer reads as slowly as the test says (`bufferedAmount`). */
class SlowSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  send(data: string) {
    this.sent.push(data);
    this.bufferedAmount += data.length;
  }
  close() {
    this.readyState = WebSocket.CLOSED;
    this.emit('close');
  }
  terminate() {}
  ping() {}
}

const summary = (roomId: string, lines: number): RoomSummary => ({
  roomId,
  title: '',
  language: 'python',
  createdAt: 0,
  online: [],
  lastEditAt: lines,
  lastEditBy: 'Ann',
  lines,
  preview: { firstLine: 1, text: 'x'.repeat(1_000) },
  lastRun: null,
  lastSubmission: null,
  failStreak: 0,
});

describe('DashboardConnection', () => {
  it('keeps only the latest summary per room while the client does not read, then sends those', () => {
    const ws = new SlowSocket();
    const summaries = { unwatch() {} } as unknown as RoomSummaries;
    const connection = new DashboardConnection(
      ws as unknown as WebSocket,
      {} as IncomingMessage,
      { userId: 'u', sessionKey: null },
      { summaries, hostOf: async () => ({ hosted: [], refused: [] }), log: memoryLogger() },
    );
    ws.bufferedAmount = DASHBOARD_MAX_BUFFERED_BYTES + 1;
    for (let tick = 1; tick <= 1_000; tick++) {
      for (const room of ['a', 'b', 'c']) connection.offer(summary(room, tick));
      connection.flush();
    }
    expect(ws.sent).toHaveLength(0);

    ws.bufferedAmount = 0;
    connection.flush();
    expect(ws.sent).toHaveLength(1);
    const frame = JSON.parse(ws.sent[0] as string) as { summaries: RoomSummary[] };
    expect(frame.summaries.map((s) => [s.roomId, s.lines])).toEqual([
      ['a', 1_000],
      ['b', 1_000],
      ['c', 1_000],
    ]);
    connection.flush();
    expect(ws.sent).toHaveLength(1);
  });
});
