import { MAX_STDIN_BYTES, MAX_STDIN_CHUNK_BYTES, type RunView } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { inputRefusal, RunInputs, stdinChunk } from './RunInputs.ts';

const run = (events: RunView['events'] = [], live = true): RunView => ({
  id: 'r1',
  startedBy: 'Ann',
  language: 'python',
  requestedAt: 0,
  ...(live ? { live } : {}),
  events,
});

describe('inputRefusal', () => {
  it('takes a line for a live run', () => {
    expect(inputRefusal(run(), { data: 'hi\n' })).toBeNull();
  });

  it('refuses with a reason: no run, a run reading the Input box, a long line, after EOF, past the run’s total', () => {
    expect(inputRefusal(null, { data: 'x' })).toMatch(/No program is running/);
    expect(inputRefusal(run([], false), { data: 'x' })).toMatch(/reads the Input box/);
    expect(inputRefusal(run(), { data: 'é'.repeat(MAX_STDIN_CHUNK_BYTES / 2 + 1) })).toMatch(/at most 4 KiB/);
    expect(inputRefusal(run([{ type: 'input', data: '', eof: true }]), { data: 'x' })).toMatch(/input has ended/);
    const typed = Array.from({ length: MAX_STDIN_BYTES / MAX_STDIN_CHUNK_BYTES }, () => ({
      type: 'input' as const,
      data: 'x'.repeat(MAX_STDIN_CHUNK_BYTES),
    }));
    expect(inputRefusal(run(typed), { data: '' })).toBeNull();
    expect(inputRefusal(run(typed), { data: 'x' })).toMatch(/at most 1024 KiB/);
  });
});

describe('RunInputs', () => {
  it('hands a run one channel until it closes, which ends it', async () => {
    const inputs = new RunInputs();
    const channel = inputs.channel('r1');
    expect(inputs.channel('r1')).toBe(channel);
    channel.push(stdinChunk('a\n', false, 'Ann'));
    inputs.close('r1');
    const read = [];
    for await (const chunk of channel) read.push(chunk);
    expect(read).toEqual([{ data: 'a\n', by: 'Ann' }]);
    expect(inputs.channel('r1')).not.toBe(channel);
  });
});
