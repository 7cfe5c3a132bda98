import { unzipSync, zipSync } from 'fflate';
import { ArchiveError } from './ArchiveError.ts';

/** The files of an archive by normalised path ("dir/file.ext", no leading slash). */
export type ZipEntries = Map<string, Uint8Array>;

export interface ZipLimits {
  /** Sum of the uncompressed sizes: what the archive costs in memory once read. */
  maxTotalBytes: number;
  maxEntries: number;
}

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
 * Reads a zip held in memory. Zip bombs are refused before anything is inflated: the
 * declared sizes are summed first, and fflate inflates into a buffer of the declared
 * size, so an entry that lies about its size is cut short rather than grown.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits): ZipEntries {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ArchiveError('not-a-zip', 'The upload is not a zip archive');
  }
  let total = 0;
  let count = 0;
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith('/')) return false;
        count += 1;
        if (count > limits.maxEntries) {
          throw new ArchiveError('too-many-files', `The archive holds more than ${limits.maxEntries} files`);
        }
        total += Math.max(file.size, file.originalSize);
        if (total > limits.maxTotalBytes) {
          throw new ArchiveError(
            'too-large',
            `The archive's files add up to more than ${limits.maxTotalBytes} bytes uncompressed`,
          );
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError('not-a-zip', `The upload is not a readable zip archive (${(err as Error).message})`);
  }
  const entries: ZipEntries = new Map();
  for (const [name, data] of Object.entries(raw)) {
    const path = normalisePath(name);
    if (path && !isJunk(path)) entries.set(path, data);
  }
  return entries;
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
