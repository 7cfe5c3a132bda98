import type { Judge } from '@codestream/shared';
import { connectClient, createRoom, invite, join } from '../test/clients.ts';
import { startBenchRoomServer } from './benchRoomServer.ts';

export interface LatencySamples {
  samples: number[];
}

/**
 * Run → first output byte at a room participant: the real room server (embedded
 * database, given judge), two participants over the stock y-websocket client; one
 * presses Run on `print("x")`, the time is taken when the *other* one receives the
 * first output event. Sequential runs, after `warmup` unmeasured ones.
 */
export async function measureRoomRunLatency(judge: Judge, runs: number, warmup = 3): Promise<LatencySamples> {
  const bench = await startBenchRoomServer(judge);
  const { server } = bench;
  try {
    const host = await bench.signedIn('host');
    const watcher = await bench.signedIn('member');
    const roomId = await createRoom(host);
    await join(watcher, roomId, await invite(host, roomId));
    const runner = connectClient(server, roomId, host);
    const observer = connectClient(server, roomId, watcher);
    await Promise.all([runner.synced, observer.synced]);
    const text = runner.doc.getText('code');
    runner.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, 'print("x")\n');
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const samples: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const seen = observer.messages.length;
      const started = Date.now();
      runner.send({ type: 'run' });
      // Arrival times are stamped by the observer's message handler; this loop only waits.
      let fresh = observer.messages.slice(seen);
      while (!fresh.some((m) => m.message.type === 'run-event' && m.message.event.type === 'exit')) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        fresh = observer.messages.slice(seen);
      }
      const output = fresh.find((m) => m.message.type === 'run-event' && m.message.event.type === 'output');
      if (!output) throw new Error('the run printed nothing');
      if (i >= warmup) samples.push(output.at - started);
      // Let the pool refill between runs, as between two presses of Run by a person.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    runner.close();
    observer.close();
    return { samples };
  } finally {
    await bench.close();
  }
}
