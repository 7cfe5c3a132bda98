/**
 * What zodMini.ts loads for zod's messages in the browser (package.json `imports`, condition
 * `browser`): nothing. Pages show the server's words; the one page that words issues
 * itself, the problem editor, imports `@codestream/shared/zodEnglish`.
 */
export {};
