import { Inflate, zipSync } from 'fflate';
import { ArchiveError } from './ArchiveError.ts';
import { readZipDirectory, type ZipDirectoryEntry } from './zipDirectory.ts';

/** The files of an archive by normalised path ("dir/file.ext", no leading slash). */
export type ZipEntries = Map<string, Uint8Array>;

export interface ZipLimits {
  /** Largest inflated size of one file, counted as it inflates. */
  maxEntryBytes: number;
  /** Largest sum of the inflated files: what the archive costs in memory once read. */
  maxTotalBytes: number;
  maxEntries: number;
}

/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most about
 * 1032 times, so one step yields at most ~4 MiB before the size check sees it.
 */
const INFLATE_STEP = 4 * 1024;

/** Finder/Explorer leftovers that are never part of a problem. */
function isJunk(path: string): boolean {
  return path.startsWith('__MACOSX/') || /(^|\/)(\.DS_Store|Thumbs\.db)$/.test(path);
}

function normalisePath(name: string): string {
  return name
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/**
 * Reads a zip held in memory. The sizes an archive declares can lie (a few MB that
 * inflate to gigabytes), so each file is inflated as a stream and refused as soon as
 * what it really produced passes the limit for one file or for the whole archive.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits): ZipEntries {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ArchiveError('not-a-zip', 'The upload is not a zip archive');
  }
  const files = readZipDirectory(bytes).filter((entry) => !entry.name.endsWith('/'));
  if (files.length > limits.maxEntries) {
    throw new ArchiveError('too-many-files', `The archive holds more than ${limits.maxEntries} files`);
  }
  const entries: ZipEntries = new Map();
  let total = 0;
  for (const file of files) {
    const path = normalisePath(file.name);
    // Skipped before inflating: junk costs nothing.
    if (!path || isJunk(path)) continue;
    const left = limits.maxTotalBytes - total;
    const tooLarge =
      left < limits.maxEntryBytes
        ? `The archive's files add up to more than ${limits.maxTotalBytes} bytes once inflated (at ${file.name})`
        : `${file.name} inflates to more than ${limits.maxEntryBytes} bytes, the limit for one file`;
    const data = inflateEntry(bytes, file, Math.min(left, limits.maxEntryBytes), tooLarge);
    total += data.length;
    entries.set(path, data);
  }
  return entries;
}

/** The entry's bytes, stopping with `tooLarge` once more than `maxBytes` came out. */
function inflateEntry(bytes: Uint8Array, file: ZipDirectoryEntry, maxBytes: number, tooLarge: string): Uint8Array {
  const compressed = bytes.subarray(file.dataOffset, file.dataOffset + file.compressedSize);
  const damaged = (why: string) => new ArchiveError('not-a-zip', `${file.name} is damaged: ${why}`);
  if (file.encrypted) throw new ArchiveError('unsupported', `${file.name} is encrypted`);
  let data: Uint8Array;
  if (file.compression === 0) {
    if (compressed.length > maxBytes) throw new ArchiveError('too-large', tooLarge);
    data = compressed.slice();
  } else if (file.compression === 8) {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflater = new Inflate((chunk) => {
      size += chunk.length;
      if (size > maxBytes) throw new ArchiveError('too-large', tooLarge);
      chunks.push(chunk);
    });
    try {
      let at = 0;
      do {
        const next = at + INFLATE_STEP;
        inflater.push(compressed.subarray(at, next), next >= compressed.length);
        at = next;
      } while (at < compressed.length);
    } catch (err) {
      if (err instanceof ArchiveError) throw err;
      throw damaged((err as Error).message);
    }
    data = concat(chunks, size);
  } else {
    throw new ArchiveError('unsupported', `${file.name} uses compression method ${file.compression}; use deflate`);
  }
  // A file that lies about its size within the limits is still a broken archive, not one to cut short.
  if (data.length !== file.declaredSize) {
    throw damaged(`it declares ${file.declaredSize} bytes but holds ${data.length}`);
  }
  return data;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export function writeZip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 6 });
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text of an entry (a leading BOM is dropped); 400 for anything else. */
export function textOf(bytes: Uint8Array, path: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ArchiveError('not-text', `${path} is not UTF-8 text`);
  }
}

export function encodeText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * The folder holding the problem: the shallowest folder with one of `markers` in it,
 * so that both "problem.yaml" and "myproblem/problem.yaml" archives work.
 * Returns undefined without any marker.
 */
export function findPackageRoot(
  entries: ZipEntries,
  markers: readonly string[],
): { root: string; marker: string } | undefined {
  let best: { root: string; marker: string; depth: number } | undefined;
  for (const path of entries.keys()) {
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    if (!markers.includes(base)) continue;
    const root = slash === -1 ? '' : path.slice(0, slash);
    const depth = root === '' ? 0 : root.split('/').length;
    const better =
      !best || depth < best.depth || (depth === best.depth && markers.indexOf(base) < markers.indexOf(best.marker));
    if (better) best = { root, marker: base, depth };
  }
  return best && { root: best.root, marker: best.marker };
}

/** The entries under `root`, with paths relative to it. */
export function entriesUnder(entries: ZipEntries, root: string): ZipEntries {
  if (root === '') return entries;
  const prefix = `${root}/`;
  const out: ZipEntries = new Map();
  for (const [path, data] of entries) {
    if (path.startsWith(prefix)) out.set(path.slice(prefix.length), data);
  }
  return out;
}
