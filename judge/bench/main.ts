// `npx tsx judge/bench/main.ts`: runs the judge benchmarks once and prints them as JSON.
import { runJudgeBenchmarks } from './index.ts';

console.log(JSON.stringify(await runJudgeBenchmarks(), null, 2));
