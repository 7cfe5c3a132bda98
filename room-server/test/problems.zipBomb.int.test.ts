import { DocKeys } from '@codestream/shared';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, createRoom, invite, join } from './harness.ts';
import { type ErrorBody, postZip, startProblemBank } from './problemFixtures.ts';

// An author uploads a zip bomb: entries that declare 10 bytes each and really inflate to
// 16 MiB each. Reading it in the server's event loop froze every room for seconds (the
// old reader inflated each whole entry into a buffer of the declared size); read as a
// stream in a worker thread, it is refused at the first entry past the limit, and the
// rooms never notice.
const ENTRIES = 64;
/** Generous (a shared, slow machine), yet far below the seconds the old reader stalled. */
const MAX_ANSWER_MS = 1_000;
type Client = ReturnType<typeof connectClient>;

let bank: Awaited<ReturnType<typeof startProblemBank>>;
const clients: Client[] = [];

beforeAll(async () => {
  bank = await startProblemBank();
}, 60_000);
afterAll(async () => {
  for (const client of clients) client.close();
  await bank?.close();
});

/**
 * `count` central-directory entries that all point at one deflated run of 16 MiB of
 * zeros, each declaring 10 bytes: about 20 kB that inflate to count × 16 MiB.
 */
function zipBomb(count: number): Uint8Array {
  const nameOf = (i: number) => `data/secret/${String(i).padStart(2, '0')}.in`;
  const one = zipSync({ [nameOf(0)]: new Uint8Array(16 * 1024 * 1024) });
  const view = new DataView(one.buffer, one.byteOffset, one.byteLength);
  const end = one.length - 22;
  const directoryAt = view.getUint32(end + 16, true);
  view.setUint32(22, 10, true);
  const local = one.subarray(0, directoryAt);
  const header = one.subarray(directoryAt, end);
  const out = new Uint8Array(local.length + count * header.length + 22);
  out.set(local);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < count; i++) {
    const at = local.length + i * header.length;
    out.set(header, at);
    outView.setUint32(at + 24, 10, true);
    out.set(new TextEncoder().encode(nameOf(i)), at + 46);
  }
  out.set(one.subarray(end), out.length - 22);
  outView.setUint16(out.length - 22 + 8, count, true);
  outView.setUint16(out.length - 22 + 10, count, true);
  outView.setUint32(out.length - 22 + 12, count * header.length, true);
  return out;
}

/** Milliseconds until an edit made by `from` reaches `to` through the server. */
function syncRoundTrip(from: Client, to: Client): Promise<number> {
  const started = performance.now();
  const text = to.doc.getText(DocKeys.code);
  const target = text.length + 1;
  return new Promise((resolve) => {
    const onUpdate = () => {
      if (text.length < target) return;
      to.doc.off('update', onUpdate);
      resolve(performance.now() - started);
    };
    to.doc.on('update', onUpdate);
    from.doc.getText(DocKeys.code).insert(0, 'x');
  });
}

async function healthRoundTrip(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${bank.server.url}/api/health`);
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return performance.now() - started;
}

describe('importing a zip bomb', () => {
  it('is refused with the entry and the limit while rooms keep syncing and /api/health answers', async () => {
    const roomId = await createRoom(bank.host);
    await join(bank.member, roomId, await invite(bank.host, roomId));
    const [alice, bob] = [
      connectClient(bank.server, roomId, bank.host),
      connectClient(bank.server, roomId, bank.member),
    ];
    clients.push(alice, bob);
    await Promise.all([alice.synced, bob.synced]);
    const bomb = zipBomb(ENTRIES);
    expect(bomb.length).toBeLessThan(64 * 1024);

    let answered = false;
    const upload = postZip(bank.author, '/api/problems/import', bomb).finally(() => {
      answered = true;
    });
    const answers: number[] = [];
    while (!answered) {
      answers.push(await syncRoundTrip(alice, bob), await healthRoundTrip());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const res = await upload;

    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.message).toBe(
      'data/secret/00.in inflates to more than 15728640 bytes, the limit for one file',
    );
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...answers)).toBeLessThan(MAX_ANSWER_MS);
  });
});
