import type { ReferenceCheckEvent } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { referenceCheck } from './referenceApi.ts';

const lines = [
  { type: 'test', index: 0, id: 't1', kind: 'sample', verdict: 'accepted', cpuMs: 1, wallMs: 2, memoryKb: 3 },
  { type: 'finished', verdict: 'accepted', passed: 1, total: 1, totalMs: 9 },
  { type: 'outputs-saved', updated: 1 },
];

describe('referenceCheck', () => {
  it('hands on each NDJSON line as it arrives, whatever the chunks cut', async () => {
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    const cuts = [5, 40, 41, text.length - 3];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let from = 0;
        for (const cut of [...cuts, text.length]) {
          controller.enqueue(new TextEncoder().encode(text.slice(from, cut)));
          from = cut;
        }
        controller.close();
      },
    });
    const seen: string[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      seen.push(`${init?.method} ${String(input)} ${String(init?.body)}`);
      return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
    };
    const events: ReferenceCheckEvent[] = [];
    await referenceCheck(
      'sum',
      { language: 'python', code: 'print(1)', generateOutputs: true },
      (e) => events.push(e),
      undefined,
      fetchImpl,
    );
    expect(events).toEqual(lines);
    expect(seen).toEqual([
      'POST /api/problems/sum/reference-check {"language":"python","code":"print(1)","generateOutputs":true}',
    ]);
  });
});
