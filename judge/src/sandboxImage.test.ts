import { readFile } from 'node:fs/promises';
import { LANGUAGES, SANDBOX_IMAGE } from '@codestream/shared';
import { describe, expect, it } from 'vitest';

// sandbox/build.sh cannot import the catalog, so this keeps the two names in step.
describe('sandbox image', () => {
  it('is the image sandbox/build.sh builds by default', async () => {
    const script = await readFile(new URL('../../sandbox/build.sh', import.meta.url), 'utf8');
    expect(script).toContain(`image="\${SANDBOX_IMAGE:-${SANDBOX_IMAGE}}"`);
  });

  it('is the only image the catalog uses (build.sh builds no other)', () => {
    expect(new Set(LANGUAGES.map((l) => l.image))).toEqual(new Set([SANDBOX_IMAGE]));
  });
});
