import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini registers no locale, so every issue would read "Invalid input"; the problem
 * editor and the server's 400 details show these messages. The full `zod` registers
 * English on its first schema; this does the same where it is imported (the server and
 * the judge through zodMini.ts, the problem editor's page), and leaves another locale alone.
 */
if (!z.config().localeError) z.config(en());
