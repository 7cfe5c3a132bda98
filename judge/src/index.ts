export * from './config.ts';
export * from './DockerJudge.ts';
export * from './JudgeService.ts';
export * from './RemoteJudge.ts';
export type { JudgeLogger, RunPhase } from './SandboxRun.ts';
export { Labels as SandboxLabels, SANDBOX_UID } from './sandboxSpec.ts';
