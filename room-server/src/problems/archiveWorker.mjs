// The entry of the thread that reads uploaded archives (see ArchiveThreads.ts).
// Worker threads inherit no module loader, neither under `tsx` (production) nor under
// vitest, so this plain-JavaScript file loads the TypeScript body through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./archiveWorker.ts', import.meta.url);
