export { exactMatch, floatMatch, tokensMatch } from './checkers.ts';
export * from './config.ts';
export * from './DockerJudge.ts';
export { FairQueue, QueueAbortedError, QueueFullError } from './FairQueue.ts';
export * from './JudgeService.ts';
export * from './RemoteJudge.ts';
export type { JudgeLogger, RunPhase } from './SandboxRun.ts';
export { SANDBOX_UID } from './sandboxSpec.ts';
export { WarmPool } from './WarmPool.ts';
