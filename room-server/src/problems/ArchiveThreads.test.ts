import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from './ArchiveError.ts';
import { ArchiveThreads, archiveThreadLimits } from './ArchiveThreads.ts';
import { parseImportArchive } from './importArchive.ts';

const LIMITS = { maxTestBytes: 8 * 1024 * 1024, maxUncompressedBytes: 256 * 1024 * 1024 };

function zip(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));
}

async function archiveError(parsing: Promise<unknown>): Promise<ArchiveError> {
  const err = await parsing.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof ArchiveError) return err;
  throw new Error(`expected an ArchiveError, got ${String(err)}`);
}

const KATTIS = {
  'sum/problem.yaml': 'name: Sum\n',
  'sum/problem_statement/problem.en.md': 'Add.',
  'sum/data/sample/1.in': '1 2\n',
  'sum/data/sample/1.ans': '3\n',
  'sum/data/secret/1.in': '40 2\n',
  'sum/data/secret/1.ans': '42\n',
};

// Each test starts real threads: half a second to two each on a busy machine.
describe('parsing archives in a worker thread', { timeout: 20_000 }, () => {
  it('gives what parsing in place gives', async () => {
    const archive = zip(KATTIS);
    expect(await new ArchiveThreads({ maxRunning: 1 }).parseImport(archive, LIMITS)).toEqual(
      parseImportArchive(archive, LIMITS),
    );
    const tests = await new ArchiveThreads({ maxRunning: 1 }).parseTests(zip({ 'a.in': 'a', 'a.ans': 'A' }), LIMITS);
    expect(tests).toEqual([{ kind: 'hidden', input: 'a', output: 'A' }]);
  });

  it('brings back the reason, message and details of a refusal', async () => {
    const error = await archiveError(
      new ArchiveThreads({ maxRunning: 1 }).parseImport(
        zip({ 'problem.json': '{"slug":"x","difficulty":"insane"}' }),
        LIMITS,
      ),
    );
    expect(error.reason).toBe('invalid-problem');
    expect(error.message).toBe('problem.json is not a valid problem');
    expect(error.details?.map((d) => d.path)).toContain('difficulty');
  });

  it('stops a thread that runs past the time limit', async () => {
    const started = performance.now();
    const threads = new ArchiveThreads({ maxRunning: 1, limits: { timeMs: 50, heapMb: 256 } });
    const error = await archiveError(threads.parseImport(zip(KATTIS), LIMITS));
    expect(error.reason).toBe('too-slow');
    expect(error.message).toBe('Reading the archive took longer than 0.05 s');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('stops a thread that needs more memory than its limit', async () => {
    // 3 MB of problem.json that JSON.parse turns into a million objects: far past a 32 MiB heap.
    const problemJson = `[${'{},'.repeat(1_000_000)}{}]`;
    const error = await archiveError(
      new ArchiveThreads({ maxRunning: 1, limits: { timeMs: 30_000, heapMb: 32 } }).parseImport(
        zip({ 'problem.json': problemJson }),
        LIMITS,
      ),
    );
    expect(error.reason).toBe('too-large');
    expect(error.message).toBe('Reading the archive needed more than 32 MiB of memory');
  });

  it('turns an archive away while as many threads as allowed are running, then takes the next', async () => {
    const threads = new ArchiveThreads({ maxRunning: 1 });
    const first = threads.parseTests(zip({ 'a.in': 'a', 'a.ans': 'A' }), LIMITS);
    const error = await archiveError(threads.parseTests(zip({ 'b.in': 'b', 'b.ans': 'B' }), LIMITS));
    expect(error.reason).toBe('busy');
    expect(error.message).toBe('The server is reading 1 other archive(s); try again in a few seconds');
    expect(await first).toHaveLength(1);
    expect(await threads.parseTests(zip({ 'c.in': 'c', 'c.ans': 'C' }), LIMITS)).toHaveLength(1);
  });

  it('gives a thread room for the largest archive it may read', () => {
    expect(archiveThreadLimits(LIMITS).heapMb).toBeGreaterThanOrEqual(2 * 256);
  });
});
