// `npm run bench`: every latency and throughput figure of docs/benchmarks.md, measured
// on this machine in one run, printed as a table.
import { createDockerJudge } from '@codestream/judge';
import { type LatencySummary, runJudgeBenchmarks } from '@codestream/judge/bench';
import { measureRoomRunLatency } from './roomRunLatency.ts';

function summary(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { samples: sorted.length, p50Ms: at(50), p95Ms: at(95) };
}

const judge = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 1, prewarm: ['python'] });
let room: LatencySummary;
try {
  room = summary((await measureRoomRunLatency(judge, 30)).samples);
} finally {
  await judge.close();
}
const j = await runJudgeBenchmarks();

const latency = (name: string, s: LatencySummary) =>
  `| ${name} | ${s.p50Ms.toFixed(1)} | ${s.p95Ms.toFixed(1)} | ${s.samples} |`;
console.log('\n| latency (python hello) | p50 ms | p95 ms | samples |\n|---|---|---|---|');
console.log(latency('Run → first output at another room participant (warm pool)', room));
console.log(latency('Run → first output at the judge, warm pool', j.runFirstOutputWarm));
console.log(latency('Run → first output at the judge, cold container', j.runFirstOutputCold));
console.log(latency('raw `docker run --rm` → first output (baseline)', j.dockerRunBaseline));
console.log(latency('Submit of a 50-test Python problem → finished', j.submitFiftyTestsLatency));
console.log('\n| throughput (50-test Python problem, trivial solution) | tests/s | submission p50 ms | submissions |');
console.log('|---|---|---|---|');
for (const t of [j.submitThroughputConcurrency1, j.submitThroughputDefault]) {
  console.log(
    `| concurrency ${t.concurrency} | ${t.testsPerSecond.toFixed(0)} | ${t.submissionP50Ms.toFixed(0)} | ${t.submissions} |`,
  );
}
console.log('\n| result frame parsing (8 MiB of stdout) | MiB/s | samples |\n|---|---|---|');
for (const p of j.frameParsing) {
  console.log(`| in ${p.chunkBytes / 1024} KiB chunks | ${p.mibPerSecond.toFixed(0)} | ${p.samples} |`);
}
