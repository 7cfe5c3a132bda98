import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The room page's module in Vite's manifest: its chunk and the chunks it imports are the room's code. */
const ROOM_MODULE = 'src/room/RoomView.tsx';

interface ManifestChunk {
  file: string;
  imports?: string[];
}

/** The files of `key`'s chunk and of every chunk it imports, in the build's manifest. */
function chunkFiles(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) chunkFiles(manifest, imported, seen);
  return seen;
}

/**
 * index.html as the web app's build wrote it; for a room's page, with the room's chunks
 * (the editor, Yjs) preloaded, so that the browser fetches them alongside the app's entry
 * instead of after it has run. Without a manifest (an older build), the page as it is.
 */
export async function webIndex(root: string, page: 'room' | 'other'): Promise<string> {
  const html = await readFile(path.join(root, 'index.html'), 'utf8');
  if (page !== 'room') return html;
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(await readFile(path.join(root, '.vite/manifest.json'), 'utf8'));
  } catch {
    return html;
  }
  const links = [...chunkFiles(manifest, ROOM_MODULE)]
    .filter((file) => !html.includes(`/${file}"`))
    .map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`);
  return html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
}
