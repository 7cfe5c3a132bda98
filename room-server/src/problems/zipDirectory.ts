import { ArchiveError } from './ArchiveError.ts';

/** One file as the zip's central directory describes it; nothing here has been inflated. */
export interface ZipDirectoryEntry {
  /** The name as stored (not normalised). */
  name: string;
  /** 0 stored, 8 deflated. */
  compression: number;
  encrypted: boolean;
  /** Where the entry's compressed bytes start in the archive, and how many there are. */
  dataOffset: number;
  compressedSize: number;
  /** What the archive claims the entry inflates to: checked after inflating, never trusted before. */
  declaredSize: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** Fields at 0xFFFFFFFF are in the ZIP64 extra field instead. */
const ZIP64_MARK = 0xffffffff;

/**
 * Lists a zip's files from its central directory (the authoritative index, with exact
 * compressed sizes), checking every offset against the archive's length.
 */
export function readZipDirectory(bytes: Uint8Array): ZipDirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (what: string) => new ArchiveError('not-a-zip', `The upload is not a readable zip archive (${what})`);
  const u16 = (at: number) => (at + 2 <= bytes.length ? view.getUint16(at, true) : Number.NaN);
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : Number.NaN);
  const u64 = (at: number) => (at + 8 <= bytes.length ? Number(view.getBigUint64(at, true)) : Number.NaN);

  // The end record sits in the last 22 bytes plus a comment of at most 65,535 bytes.
  let end = bytes.length - 22;
  const earliest = Math.max(0, end - 65_535);
  while (end >= earliest && u32(end) !== END_OF_DIRECTORY) end -= 1;
  if (end < earliest) throw damaged('no end of central directory');
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
    const zip64End = u64(end - 12);
    if (u32(zip64End) !== ZIP64_END_OF_DIRECTORY) throw damaged('bad ZIP64 end record');
    count = u64(zip64End + 32);
    offset = u64(zip64End + 48);
  }
  // A central header takes at least 46 bytes: a count beyond that is a lie.
  if (!(count * 46 <= bytes.length)) throw damaged('impossible number of files');

  const entries: ZipDirectoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(offset) !== CENTRAL_HEADER) throw damaged('bad central directory');
    const flags = u16(offset + 8);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const sizes = {
      declaredSize: u32(offset + 24),
      compressedSize: u32(offset + 20),
      localOffset: u32(offset + 42),
    };
    readZip64Extra(bytes.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength), sizes);
    const local = sizes.localOffset;
    if (u32(local) !== LOCAL_HEADER) throw damaged('bad local header');
    const dataOffset = local + 30 + u16(local + 26) + u16(local + 28);
    if (!(dataOffset + sizes.compressedSize <= bytes.length)) throw damaged('an entry runs past the end');
    entries.push({
      // Bit 11 marks UTF-8 names; older tools wrote single-byte names (read as latin1, like fflate).
      name: new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes),
      compression: u16(offset + 10),
      encrypted: (flags & 1) === 1,
      dataOffset,
      compressedSize: sizes.compressedSize,
      declaredSize: sizes.declaredSize,
    });
    offset += 46 + nameLength + extraLength + u16(offset + 32);
  }
  return entries;
}

/** Replaces the 32-bit fields marked 0xFFFFFFFF by their 64-bit values, in the order the format fixes. */
function readZip64Extra(
  extra: Uint8Array,
  sizes: { declaredSize: number; compressedSize: number; localOffset: number },
): void {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) !== 0x0001) continue;
    let field = at + 4;
    for (const key of ['declaredSize', 'compressedSize', 'localOffset'] as const) {
      if (sizes[key] !== ZIP64_MARK || field + 8 > extra.length) continue;
      sizes[key] = Number(view.getBigUint64(field, true));
      field += 8;
    }
    return;
  }
}
