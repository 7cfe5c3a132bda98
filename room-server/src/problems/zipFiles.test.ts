import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from './ArchiveError.ts';
import { entriesUnder, findPackageRoot, readZip, textOf } from './zipFiles.ts';

const LIMITS = { maxEntryBytes: 512 * 1024, maxTotalBytes: 1024 * 1024, maxEntries: 100 };

function archiveError(run: () => unknown): ArchiveError {
  try {
    run();
  } catch (err) {
    if (err instanceof ArchiveError) return err;
    throw err;
  }
  throw new Error('expected an ArchiveError');
}

function reasonOf(run: () => unknown): string {
  return archiveError(run).reason;
}

/**
 * Rewrites the uncompressed size of every entry (or of the one named `only`) to `size`,
 * in its local header and in the central directory, as a lying archive would.
 */
function declareSizes(zip: Uint8Array, size: number, only?: string): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const nameAt = (at: number, lengthAt: number) =>
    new TextDecoder().decode(zip.subarray(at, at + view.getUint16(lengthAt, true)));
  for (let at = 0; at + 4 <= zip.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && (!only || nameAt(at + 30, at + 26) === only)) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50 && (!only || nameAt(at + 46, at + 28) === only)) view.setUint32(at + 24, size, true);
  }
  return zip;
}

describe('readZip', () => {
  it('reads files by normalised path, without folders and OS junk', () => {
    const zip = zipSync({
      'pkg/': new Uint8Array(),
      'pkg/a.txt': strToU8('A'),
      './pkg/sub/b.txt': strToU8('B'),
      '__MACOSX/pkg/._a.txt': strToU8('junk'),
      'pkg/.DS_Store': strToU8('junk'),
    });
    const entries = readZip(zip, LIMITS);
    expect([...entries.keys()].sort()).toEqual(['pkg/a.txt', 'pkg/sub/b.txt']);
    expect(textOf(entries.get('pkg/a.txt') ?? new Uint8Array(), 'a')).toBe('A');
  });

  it('refuses what is not a zip', () => {
    expect(reasonOf(() => readZip(strToU8('definitely not a zip archive at all'), LIMITS))).toBe('not-a-zip');
    const truncated = zipSync({ 'a.txt': strToU8('hello'.repeat(100)) }).slice(0, 40);
    expect(reasonOf(() => readZip(truncated, LIMITS))).toBe('not-a-zip');
  });

  it('reads stored (uncompressed) entries', () => {
    const entries = readZip(zipSync({ 'a.in': strToU8('stored') }, { level: 0 }), LIMITS);
    expect(textOf(entries.get('a.in') ?? new Uint8Array(), 'a.in')).toBe('stored');
  });

  it('refuses an archive whose files add up to more than the total limit', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`${i}.in`] = new Uint8Array(300 * 1024);
    const error = archiveError(() => readZip(zipSync(files), LIMITS));
    expect(error.reason).toBe('too-large');
    expect(error.message).toMatch(/add up to more than 1048576 bytes once inflated \(at 3\.in\)/);
  });

  it('stops inflating an entry that declares a small size once it passes the limit for one file', () => {
    // 16 MiB of zeros in 16 kB, declared as 10 bytes in both headers.
    const bomb = declareSizes(zipSync({ 'small.in': new Uint8Array(16 * 1024 * 1024) }), 10);
    const error = archiveError(() => readZip(bomb, LIMITS));
    expect(error.reason).toBe('too-large');
    expect(error.message).toBe('small.in inflates to more than 524288 bytes, the limit for one file');
  });

  it('counts what an entry really inflates to against the total, whatever it declares', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 3; i++) files[`${i}.in`] = new Uint8Array(300 * 1024);
    files['liar.in'] = new Uint8Array(500 * 1024);
    const error = archiveError(() => readZip(declareSizes(zipSync(files), 1, 'liar.in'), LIMITS));
    expect(error.reason).toBe('too-large');
    expect(error.message).toBe("The archive's files add up to more than 1048576 bytes once inflated (at liar.in)");
  });

  it('refuses an entry that holds more than it declares even within the limits', () => {
    const zip = declareSizes(zipSync({ 'big.in': new Uint8Array(4096).fill(65) }), 10);
    const error = archiveError(() => readZip(zip, LIMITS));
    expect(error.reason).toBe('not-a-zip');
    expect(error.message).toBe('big.in is damaged: it declares 10 bytes but holds 4096');
  });

  it('refuses too many files', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 101; i++) files[`${i}.in`] = strToU8('x');
    expect(reasonOf(() => readZip(zipSync(files), LIMITS))).toBe('too-many-files');
  });

  it('refuses text that is not UTF-8', () => {
    expect(reasonOf(() => textOf(new Uint8Array([0xff, 0xfe, 0x41]), 'x.in'))).toBe('not-text');
    expect(textOf(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'bom.in')).toBe('A');
  });
});

describe('findPackageRoot', () => {
  const entries = (...paths: string[]) => new Map(paths.map((p) => [p, new Uint8Array()]));

  it('finds the shallowest folder holding a marker', () => {
    expect(findPackageRoot(entries('p/problem.yaml', 'p/data/x/problem.yaml'), ['problem.yaml'])).toEqual({
      root: 'p',
      marker: 'problem.yaml',
    });
    expect(findPackageRoot(entries('problem.yaml'), ['problem.yaml'])).toEqual({ root: '', marker: 'problem.yaml' });
    expect(findPackageRoot(entries('readme.md'), ['problem.yaml'])).toBeUndefined();
  });

  it('prefers the earlier marker at the same depth', () => {
    const found = findPackageRoot(entries('problem.yaml', 'problem.json'), ['problem.json', 'problem.yaml']);
    expect(found?.marker).toBe('problem.json');
  });

  it('lists the entries of a folder relative to it', () => {
    expect([...entriesUnder(entries('p/a', 'p/b/c', 'q/d'), 'p').keys()]).toEqual(['a', 'b/c']);
  });
});
