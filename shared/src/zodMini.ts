import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The schema library of everything shared with the browser: `zod/mini`, whose functions
 * a bundler keeps only when used, unlike the full `zod`, whose schemas carry every method.
 *
 * zod/mini registers no locale, so every issue would read "Invalid input"; the problem
 * editor and the server's 400 details show these messages. The full `zod` registers
 * English on its first schema; this does the same wherever shared schemas load (the page,
 * the judge, the server), before any of them is built, and leaves another locale alone.
 */
if (!z.config().localeError) z.config(en());

export { z };
