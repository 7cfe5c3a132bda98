import { availableParallelism } from 'node:os';
import { measureDockerRunBaseline } from './dockerRunBaseline.ts';
import { measureFrameParsing } from './frameParsing.ts';
import { measureRunFirstOutput } from './runLatency.ts';
import { measureSubmitLatency } from './submitLatency.ts';
import { measureSubmitThroughput } from './submitThroughput.ts';

export { measureDockerRunBaseline } from './dockerRunBaseline.ts';
export { measureFrameParsing, type ParsingThroughput } from './frameParsing.ts';
export { measureRunFirstOutput } from './runLatency.ts';
export type { LatencySummary } from './stats.ts';
export { measureSubmitLatency } from './submitLatency.ts';
export { fiftyTestPythonProblem, measureSubmitThroughput, type ThroughputResult } from './submitThroughput.ts';

/** Every judge-level measurement, one after the other (they would disturb each other in parallel). */
export async function runJudgeBenchmarks() {
  return {
    runFirstOutputWarm: await measureRunFirstOutput({ pooled: true }),
    runFirstOutputCold: await measureRunFirstOutput({ pooled: false }),
    dockerRunBaseline: await measureDockerRunBaseline(),
    submitFiftyTestsLatency: await measureSubmitLatency(),
    submitThroughputConcurrency1: await measureSubmitThroughput({ concurrency: 1 }),
    submitThroughputDefault: await measureSubmitThroughput({ concurrency: availableParallelism() }),
    frameParsing: measureFrameParsing(),
  };
}
