import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * Moves the build's `.map` files from the served folder to `dir` (beside it, relative to
 * the web package), so that a stack trace from an error report can still be mapped while
 * nobody can download the sources.
 */
export function keepSourceMapsApart(dir: string): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'codestream:keep-source-maps-apart',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      const mapsDir = path.resolve(config.root, dir);
      await rm(mapsDir, { recursive: true, force: true });
      const files = await readdir(outDir, { recursive: true, encoding: 'utf8' });
      for (const file of files.filter((name) => name.endsWith('.map'))) {
        await mkdir(path.dirname(path.join(mapsDir, file)), { recursive: true });
        await rename(path.join(outDir, file), path.join(mapsDir, file));
      }
    },
  };
}
