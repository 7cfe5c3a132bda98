// `npm run bench`: every latency and throughput figure of docs/benchmarks.md, measured
// on this machine in one run, printed as a table.
import { createDockerJudge } from '@codestream/judge';
import { type LatencySummary, runJudgeBenchmarks } from '@codestream/judge/bench';
import { measureRoomSubmission, PRINTS_8_MIB, PRINTS_OK, type SubmissionCost } from './roomBigSubmission.ts';
import { measureRoomRunLatency } from './roomRunLatency.ts';

function summary(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { samples: sorted.length, p50Ms: at(50), p95Ms: at(95) };
}

const judge = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 1, prewarm: ['python'] });
let room: LatencySummary;
let bigSubmission: SubmissionCost;
let smallSubmission: SubmissionCost;
try {
  room = summary((await measureRoomRunLatency(judge, 30)).samples);
  smallSubmission = await measureRoomSubmission(judge, PRINTS_OK);
  bigSubmission = await measureRoomSubmission(judge, PRINTS_8_MIB);
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

console.log(
  '\n| test phase of 50-test submissions (compile excluded) | tests/s p50 (min–max) | ms per test p50 | rounds |',
);
console.log('|---|---|---|---|');
for (const [name, t] of [
  ['C (`scanf`, `printf`)', j.cTestPhase],
  ['C', j.cTestPhaseDefault],
  ['Python (`input`, `print`)', j.pythonTestPhase],
] as const) {
  console.log(
    `| ${name}, ${t.concurrency} at once | ${t.testsPerSecondP50} (${t.testsPerSecondMin}–${t.testsPerSecondMax}) | ${t.perTestP50Ms.toFixed(1)} | ${t.rounds} |`,
  );
}
const start = j.interpreterStart;
console.log(
  `\nInside a sandbox, same run (median of ${start.samples}): \`python3 -c pass\` ${start.pythonPassMs.toFixed(2)} ms, \`/bin/true\` ${start.binTrueMs.toFixed(2)} ms (a process start alone: at most ${Math.round(1000 / start.binTrueMs)} tests/s for one container).`,
);
const py = j.pythonOverhead;
console.log(
  `Python: the judge's overhead per test beyond the interpreter's start, each of ${py.rounds} submissions against \`python3 -c pass\` timed right after it: ${py.overheadP50Ms.toFixed(1)} ms p50 (${py.overheadMinMs.toFixed(1)} to ${py.overheadMaxMs.toFixed(1)}); time per test ÷ \`python3 -c pass\` ${py.ratioP50.toFixed(2)} (${py.ratioMin.toFixed(2)}–${py.ratioMax.toFixed(2)}); ${py.perTestP50Ms.toFixed(1)} ms per test against ${py.pythonPassP50Ms.toFixed(1)} ms p50.`,
);
console.log(
  '\n| Run → first output at the judge, warm pool (template) | p50 ms | p95 ms | samples |\n|---|---|---|---|',
);
for (const l of j.firstOutputByLanguage) {
  console.log(latency(`${l.language}${l.compiled ? ' (compile included)' : ''}`, l));
}
console.log(
  '\n| one-test Python submission through a room | submit → finished p50 ms | CPU ms p50 | CPU % of a core | RSS before → peak MiB | verdict |',
);
console.log('|---|---|---|---|---|---|');
for (const [name, c] of [
  ['prints 8 MiB', bigSubmission],
  ['prints `ok` (baseline)', smallSubmission],
] as const) {
  console.log(
    `| ${name} | ${c.p50Ms} | ${c.cpuMsP50} | ${c.cpuPercentP50} | ${c.rssBeforeMiB} → ${c.rssPeakMiB} | ${c.verdict} |`,
  );
}
