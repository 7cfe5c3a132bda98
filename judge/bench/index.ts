import { availableParallelism } from 'node:os';
import { measureDockerRunBaseline } from './dockerRunBaseline.ts';
import { measureFirstOutputByLanguage } from './firstOutputByLanguage.ts';
import { measureFrameParsing } from './frameParsing.ts';
import { measureInterpreterStart } from './interpreterStart.ts';
import { measurePythonOverhead } from './pythonOverhead.ts';
import { measureRunFirstOutput } from './runLatency.ts';
import { measureSubmitLatency } from './submitLatency.ts';
import { fiftyTestPythonProblem, measureSubmitThroughput } from './submitThroughput.ts';
import { C_ADD_ONE, fiftyTestProblem, measureTestPhase } from './testPhase.ts';

export { measureDockerRunBaseline } from './dockerRunBaseline.ts';
export { type LanguageFirstOutput, measureFirstOutputByLanguage } from './firstOutputByLanguage.ts';
export { measureFrameParsing, type ParsingThroughput } from './frameParsing.ts';
export { type InterpreterStart, measureInterpreterStart } from './interpreterStart.ts';
export { measurePythonOverhead, type PythonOverhead } from './pythonOverhead.ts';
export { measureRunFirstOutput } from './runLatency.ts';
export type { LatencySummary } from './stats.ts';
export { measureSubmitLatency } from './submitLatency.ts';
export { fiftyTestPythonProblem, measureSubmitThroughput, type ThroughputResult } from './submitThroughput.ts';
export { fiftyTestProblem, measureTestPhase, type TestPhaseResult } from './testPhase.ts';

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
    cTestPhase: await measureTestPhase({ request: fiftyTestProblem('c', C_ADD_ONE) }),
    cTestPhaseDefault: await measureTestPhase({
      request: fiftyTestProblem('c', C_ADD_ONE),
      concurrency: availableParallelism(),
    }),
    pythonTestPhase: await measureTestPhase({ request: fiftyTestPythonProblem() }),
    interpreterStart: await measureInterpreterStart(),
    pythonOverhead: await measurePythonOverhead(),
    firstOutputByLanguage: await measureFirstOutputByLanguage(),
  };
}
