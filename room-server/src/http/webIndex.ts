import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The pages whose code the server preloads, by their module in Vite's manifest (its chunk and the chunks it imports). */
const PAGE_MODULES = {
  room: 'src/room/RoomView.tsx',
  home: 'src/pages/HomePage.tsx',
  login: 'src/pages/LoginPage.tsx',
} as const;

export type PreloadedPage = keyof typeof PAGE_MODULES;

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
 * index.html as the web app's build wrote it; for the pages people arrive on (a room, the
 * home page, sign-in), with that page's chunks (for a room: the editor, Yjs) preloaded, so
 * that the browser fetches them alongside the app's entry instead of after it has run.
 * Without a manifest (an older build), the page as it is.
 */
export async function webIndex(root: string, page: PreloadedPage | null): Promise<string> {
  const html = await readFile(path.join(root, 'index.html'), 'utf8');
  if (page === null) return html;
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(await readFile(path.join(root, '.vite/manifest.json'), 'utf8'));
  } catch {
    return html;
  }
  const links = [...chunkFiles(manifest, PAGE_MODULES[page])]
    .filter((file) => !html.includes(`/${file}"`))
    .map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`);
  return html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
}
