// The entry of a load generator thread (see LoadGenerator.ts). Worker threads inherit no
// module loader from tsx, so this plain-JavaScript file loads the TypeScript body through
// tsx's API, as room-server/src/problems/archiveWorker.mjs does.
import { tsImport } from 'tsx/esm/api';

await tsImport('./loadWorker.ts', import.meta.url);
