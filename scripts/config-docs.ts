// Prints the README's configuration tables from the config tables themselves:
// `npx tsx scripts/config-docs.ts`.
import { judgeServiceConfigTable, judgeWorkerConfigTable, sandboxConfigTable } from '@codestream/judge';
import { describeConfig, operationsConfigTable } from '@codestream/shared';
import { roomServerConfigTable } from '../room-server/src/config.ts';

const judgeOnly = Object.fromEntries(
  Object.entries(judgeServiceConfigTable).filter(([key]) => !(key in roomServerConfigTable)),
);
console.log('room-server (`npm start`):\n\n| key | default | meaning |\n|---|---|---|');
console.log(describeConfig(roomServerConfigTable));
console.log(
  '\nStandalone judge service (`npm start -w judge`), in addition to the JUDGE_* limits and the LOG_LEVEL and METRICS_* keys above:\n\n| key | default | meaning |\n|---|---|---|',
);
console.log(describeConfig(judgeOnly));
const workerOnly = Object.fromEntries(
  Object.entries(judgeWorkerConfigTable).filter(
    ([key]) => !(key in sandboxConfigTable) && !(key in operationsConfigTable),
  ),
);
console.log(
  '\nJudge worker (`npm run worker -w judge`), in addition to the JUDGE_* limits and the LOG_LEVEL and METRICS_* keys above:\n\n| key | default | meaning |\n|---|---|---|',
);
console.log(describeConfig(workerOnly));
