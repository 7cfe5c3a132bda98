import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The browser loads web/src and shared/src, whose schemas use zod/mini: a bundler keeps
 * only the functions they call. One import of the full `zod` (or `zod/v4`) would bring its
 * whole classic API back into the chunk every page loads (about 25 KiB gzip).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BROWSER_SOURCES = ['web/src', 'shared/src'];
/** zod entry points the browser may load: the mini API, core types, one locale. */
const ALLOWED = [/^zod\/mini$/, /^zod\/v4\/core$/, /^zod\/v4\/locales\/[a-z-]+\.js$/];

/** Every zod module `source` imports (statically, dynamically or as types) that is not allowed. */
function forbiddenZodImports(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((file) => file.fileName)
    .filter((name) => (name === 'zod' || name.startsWith('zod/')) && !ALLOWED.some((pattern) => pattern.test(name)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
}

describe('the browser’s zod', () => {
  it('is told apart from the full zod in every form of import', () => {
    expect(
      forbiddenZodImports(`
        import { z } from 'zod';
        import type { ZodType } from 'zod';
        export * from 'zod/v4';
        const lazy = () => import('zod/v4/classic');
        import * as mini from 'zod/mini';
        import type { $ZodType } from 'zod/v4/core';
        import en from 'zod/v4/locales/en.js';
        import { zodLike } from 'zodiac';
      `),
    ).toEqual(['zod', 'zod', 'zod/v4', 'zod/v4/classic']);
  });

  it('is zod/mini in every file of web/src and shared/src', () => {
    const files = BROWSER_SOURCES.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) =>
      forbiddenZodImports(readFileSync(path.join(ROOT, file), 'utf8')).map((name) => `${file}: ${name}`),
    );
    expect(found).toEqual([]);
  });
});
