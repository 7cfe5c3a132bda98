import * as z from 'zod/mini';
// zod's English messages where they are shown: everywhere but in the browser (package.json `imports`).
import '#zod-locale';

/**
 * The schema library of everything shared with the browser: `zod/mini`, whose functions
 * a bundler keeps only when used, unlike the full `zod`, whose schemas carry every method.
 */
export { z };
