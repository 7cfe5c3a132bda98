import { describe, expect, it } from 'vitest';
import { acceptRequestId, requestIdSchema } from './requestId.ts';

describe('request ids', () => {
  const fresh = () => 'fresh';

  it('keeps a short id of safe characters', () => {
    expect(acceptRequestId('a1B2.c3:d4-e_5', fresh)).toBe('a1B2.c3:d4-e_5');
    expect(acceptRequestId('x'.repeat(100), fresh)).toBe('x'.repeat(100));
  });

  it('replaces a missing, empty, long or unsafe one', () => {
    for (const offered of [undefined, '', 'x'.repeat(101), 'a b', 'a\nb', 'a"b', 'é', '<script>']) {
      expect(acceptRequestId(offered, fresh)).toBe('fresh');
    }
  });

  it('validates the same rule at the judge boundary', () => {
    expect(requestIdSchema.safeParse('abc.123').success).toBe(true);
    expect(requestIdSchema.safeParse('abc 123').success).toBe(false);
  });
});
