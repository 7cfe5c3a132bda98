import { readFile } from 'node:fs/promises';
import { findLanguage, LANGUAGES, SANDBOX_IMAGE } from '@codestream/shared';
import { describe, expect, it } from 'vitest';

const sandboxFile = (name: string) => readFile(new URL(`../../sandbox/${name}`, import.meta.url), 'utf8');

// sandbox/build.sh cannot import the catalog, so this keeps the two names in step.
describe('sandbox image', () => {
  it('is the image sandbox/build.sh builds by default', async () => {
    const script = await sandboxFile('build.sh');
    expect(script).toContain(`image="\${SANDBOX_IMAGE:-${SANDBOX_IMAGE}}"`);
  });

  it('is the only image the catalog uses (build.sh builds no other)', () => {
    expect(new Set(LANGUAGES.map((l) => l.image))).toEqual(new Set([SANDBOX_IMAGE]));
  });

  it('pins the Kotlin and Scala compilers the catalog shows, with every jar it names', async () => {
    const pins = (await sandboxFile('maven.lock'))
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean)
      .map((line) => line.split(/\s+/));
    const jars = new Set<string>();
    for (const [tool, coordinates, sha256] of pins) {
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
      jars.add(`/opt/${tool}/lib/${coordinates?.split(':')[1]}.jar`);
    }
    const compilers = { kotlin: 'kotlin-compiler-embeddable', scala: 'scala3-compiler_3' };
    for (const [id, artifact] of Object.entries(compilers)) {
      const language = findLanguage(id);
      const version = pins.find(([tool, coordinates]) => tool === id && coordinates?.includes(`:${artifact}:`))?.[1];
      expect(language?.version.split(' ')[0], id).toBe(version?.split(':')[2]);
      const named = [...(language?.compile ?? []), ...(language?.run ?? [])]
        .join(':')
        .match(/\/opt\/\w+\/lib\/[\w.-]+\.jar/g);
      for (const jar of named ?? []) expect(jars, id).toContain(jar);
    }
  });
});
