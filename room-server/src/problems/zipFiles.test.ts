import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from './ArchiveError.ts';
import { entriesUnder, findPackageRoot, readZip, textOf } from './zipFiles.ts';

const LIMITS = { maxTotalBytes: 1024 * 1024, maxEntries: 100 };

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    if (err instanceof ArchiveError) return err.reason;
    throw err;
  }
  return undefined;
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

  it('refuses a zip bomb from its declared sizes, before inflating it', () => {
    // 5 MB of zeros compress to about 5 kB.
    const bomb = zipSync({ 'zeros.in': new Uint8Array(5 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(LIMITS.maxTotalBytes);
    expect(reasonOf(() => readZip(bomb, LIMITS))).toBe('too-large');
  });

  it('cuts an entry that declares less than it holds at its declared size', () => {
    const zip = zipSync({ 'big.in': new Uint8Array(4 * 1024 * 1024).fill(65) });
    // Rewrite the uncompressed size in the central directory (offset 24 of its header) to 10.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let header = zip.length - 22;
    while (view.getUint32(header, true) !== 0x02014b50) header -= 1;
    view.setUint32(header + 24, 10, true);
    expect(readZip(zip, LIMITS).get('big.in')?.length).toBe(10);
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
